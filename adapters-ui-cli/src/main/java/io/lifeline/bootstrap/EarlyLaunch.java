package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.command.HeadStarts;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.service.CorrelationIdGenerator;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Launch first: a plain TCP connect to the backend's host and port, and when it is refused, the launch at once, on a
 * thread of its own, with the launcher the run's graph uses. Only a quick refusal counts as free; a port that
 * answers, or a connect that fails otherwise or takes longer, is left to the run's full check (health, ownership,
 * attach). A backend ready by its output line alone (no probes) is not launched ahead: the run listens to the output
 * only from its launch on, and a fast backend's line could come before.
 */
final class EarlyLaunch implements HeadStarts {

    /** A refusal on a reachable host comes in well under a millisecond; waiting longer only delays the start. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);

    private CorrelationId correlationId;

    @Override
    public Optional<HeadStart> begin(LifelineConfig config, StartBackendCommand command) {
        Endpoint endpoint = command.endpoint();
        if (!command.backend().readiness().probes() || !refused(endpoint, CONNECT_TIMEOUT)) {
            return Optional.empty();
        }
        // Logging is set up here, before another thread logs: two threads setting it up at once is SLF4J's worry.
        LoggerFactory.getILoggerFactory();
        CorrelationId correlationId = correlationId();
        LaunchRequest request = new LaunchRequest(command.backend(), endpoint, correlationId, command.launchMode());
        ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("lifeline-head-start"));
        CompletionStage<LaunchResult> launch = LifelineModule.launcher(config, thread).launch(request);
        launch.whenComplete((launched, unused) -> thread.shutdown());
        return Optional.of(new HeadStart(request, launch));
    }

    /** One id for every launch ahead of one start: the app's run takes it, and each launch must match its request. */
    private synchronized CorrelationId correlationId() {
        if (correlationId == null) {
            correlationId = new CorrelationIdGenerator(Clock.systemUTC()).next();
        }
        return correlationId;
    }

    static boolean refused(Endpoint endpoint, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
