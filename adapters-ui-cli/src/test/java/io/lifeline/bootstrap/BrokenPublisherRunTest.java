package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.Opened;
import io.lifeline.adapter.cli.command.StartFlow;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.LogSetup;
import io.lifeline.adapter.cli.testing.LifelineDirs;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.out.StatusPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A front end's publisher that throws on every event, wired for real around a real backend (Python's own HTTP server
 * on a free port): the run still connects, supervises and stops as if the publisher were fine.
 */
class BrokenPublisherRunTest {

    private static final long LIMIT_SECONDS = 30;

    @TempDir
    Path root;

    @Test
    void givenAPublisherThatThrowsOnEveryEvent_whenStartingARealBackend_thenTheRunConnectsAndStopsCleanly()
            throws Exception {
        LifelineConfig config = LifelineDirs.under(root).loader().load(Optional.empty(), Map.of(
                Settings.COMMAND, "python3 -m http.server {port} --bind 127.0.0.1",
                Settings.PORT, "auto", Settings.HEALTH, "status-code", Settings.HEALTH_PATH, "/",
                Settings.WORKING_DIR, root.toString(), Settings.MAX_ATTEMPTS, "1"));
        LogSetup.useLogDirectory(config.logDir(), config.origin(Settings.LOG_DIR));
        List<StatusEvent.Kind> seen = new CopyOnWriteArrayList<>();
        StatusPublisher broken = event -> {
            seen.add(event.kind());
            throw new IllegalStateException("the front end went away");
        };

        try (Opened<StartFlow> flow = Lifeline.open(config, broken)) {
            BackendSession session = flow.useCase().startBackend().start(config.command());
            try {
                StatusEvent started = session.started().toCompletableFuture().get(LIMIT_SECONDS, TimeUnit.SECONDS);

                assertThat(started).as("%s", started).isInstanceOf(StatusEvent.Connected.class);
            } finally {
                session.stop().toCompletableFuture().get(LIMIT_SECONDS, TimeUnit.SECONDS);
            }
            StatusEvent end = session.finished().toCompletableFuture().get(LIMIT_SECONDS, TimeUnit.SECONDS);

            assertThat(end).as("%s", end).isInstanceOf(StatusEvent.Stopped.class);
            assertThat(seen).as("the broken publisher was still asked each time")
                    .containsSubsequence(StatusEvent.Kind.LAUNCHING, StatusEvent.Kind.CONNECTED,
                            StatusEvent.Kind.STOPPED);
        }
    }
}
