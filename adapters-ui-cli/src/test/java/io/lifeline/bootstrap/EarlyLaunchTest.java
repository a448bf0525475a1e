package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Setting;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.port.out.RunningBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Launch first, on real sockets and a real process. */
class EarlyLaunchTest {

    @TempDir
    Path root;

    @Test
    void givenAListener_whenChecking_thenThePortIsNotFreeAndNothingIsLaunched() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(EarlyLaunch.refused(new Endpoint("127.0.0.1", listener.getLocalPort()), Duration.ofSeconds(2)))
                    .isFalse();
            assertThat(new EarlyLaunch().begin(config(listener.getLocalPort()),
                    config(listener.getLocalPort()).command())).isEmpty();
        }
    }

    @Test
    void givenAFreePort_whenBegun_thenTheBackendIsLaunchedAtOnceAndAbandoningItKillsIt() throws Exception {
        int port = freePort();
        assertThat(EarlyLaunch.refused(new Endpoint("127.0.0.1", port), Duration.ofSeconds(2))).isTrue();
        LifelineConfig config = config(port);

        Optional<HeadStart> headStart = new EarlyLaunch().begin(config, config.command());

        assertThat(headStart).isPresent();
        assertThat(headStart.get().request().endpoint()).isEqualTo(new Endpoint("127.0.0.1", port));
        LaunchResult result = headStart.get().firstLaunch().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(LaunchResult.Launched.class);
        RunningBackend backend = ((LaunchResult.Launched) result).backend();
        ProcessHandle process = ProcessHandle.of(backend.pid()).orElseThrow();
        assertThat(process.isAlive()).isTrue();

        try {
            headStart.get().abandon().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(process.isAlive()).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void givenABackendReadyByItsOutputLineAlone_whenBegun_thenNothingIsLaunchedAhead() throws IOException {
        int port = freePort();
        LifelineConfig lineOnly = LifelineDirs.under(root).loader().load(Optional.empty(), Map.<Setting<?>, String>of(
                Settings.PORT, Integer.toString(port),
                Settings.COMMAND, "sleep 30",
                Settings.HEALTH, "none",
                Settings.READY_LINE, "ready",
                Settings.RUN_DIR, root.resolve("run").toString(),
                Settings.LOG_DIR, root.resolve("logs").toString()));

        assertThat(new EarlyLaunch().begin(lineOnly, lineOnly.command())).isEmpty();
    }

    private LifelineConfig config(int port) {
        return LifelineDirs.under(root).loader().load(Optional.empty(), Map.<Setting<?>, String>of(
                Settings.PORT, Integer.toString(port),
                Settings.COMMAND, "sleep 30",
                Settings.HEALTH, "tcp",
                Settings.RUN_DIR, root.resolve("run").toString(),
                Settings.LOG_DIR, root.resolve("logs").toString()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
