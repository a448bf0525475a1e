package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import io.lifeline.domain.testing.PolicyRetryDecider;
import io.lifeline.domain.testing.RecordingStateListener;
import io.lifeline.domain.testing.RecordingStatusPublisher;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.lifeline.domain.testing.FlagNames.FLAGS;
import static io.lifeline.domain.testing.HealthReports.healthy;
import static io.lifeline.domain.testing.ProbeFailures.timedOut;
import static org.assertj.core.api.Assertions.assertThat;

/** Whoever answers on the port must prove it is the expected backend; a squatter is named, never attached to. */
class BackendIdentityTest {

    private static final String FIXTURE = "lifeline-fixture";
    private static final HealthReport IMPOSTOR = healthy().withIdentity("impostor-service", 777);
    private static final PortHolder SQUATTER = new PortHolder(777, Optional.of("python3 impostor.py"));

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeHealthProbe probe = new FakeHealthProbe(clock);
    private final FakeBackendLauncher launcher = new FakeBackendLauncher(clock);
    private final RecordingStatusPublisher events = new RecordingStatusPublisher();
    private final List<Object> lookups = new ArrayList<>();
    private final StartBackendService service = new StartBackendService(launcher, probe, events,
            new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock, endpoint -> {
                lookups.add(endpoint);
                return Optional.of(SQUATTER);
            }, BackendProfile.GENERIC, RunExecutors.DIRECT);

    @Test
    void givenAnotherServiceAnswersHealthy_whenStarting_thenNotAttachedNotLaunchedAndTheHolderIsNamed() {
        probe.answers(IMPOSTOR);

        BackendSession session = service.start(StartCommands.aQuickStart().expectingService(FIXTURE).build());

        assertThat(launcher.launchCount()).isZero();
        assertThat(events.names()).containsExactly("failed");
        StatusEvent.Failed failed = (StatusEvent.Failed) session.started().toCompletableFuture().getNow(null);
        assertThat(failed.attempts()).isZero();
        assertThat(failed.cause().failureClass()).isEqualTo(FailureClass.PORT_IN_USE);
        PortInUse portInUse = (PortInUse) failed.cause();
        assertThat(portInUse.holder()).contains(SQUATTER);
        assertThat(failed.cause().summary()).contains("pid 777 (python3 impostor.py)").contains("'impostor-service'");
        assertThat(failed.cause().remedy(FLAGS)).contains("kill 777");
    }

    @Test
    void givenTheExpectedServiceAnswersHealthy_whenStarting_thenAttaches() {
        probe.answers(healthy().withIdentity(FIXTURE, 4242));

        BackendSession session = service.start(StartCommands.aQuickStart().expectingService(FIXTURE).build());

        assertThat(session.started().toCompletableFuture().getNow(null)).isInstanceOf(StatusEvent.Connected.class);
        assertThat(lookups).isEmpty();
    }

    @Test
    void givenABackendThatSendsNoServiceName_whenStarting_thenItIsAcceptedAsTheSeedsBackendWas() {
        probe.answers(healthy());

        BackendSession session = service.start(StartCommands.aQuickStart().expectingService(FIXTURE).build());

        assertThat(session.started().toCompletableFuture().getNow(null)).isInstanceOf(StatusEvent.Connected.class);
    }

    @Test
    void givenTheLaunchedBackendIsAnsweredForByAnotherService_whenWaiting_thenFailsAtOnceWithoutRetry() {
        probe.answersNext(io.lifeline.domain.testing.ProbeFailures.refused());
        probe.answers(IMPOSTOR);

        BackendSession session = service.start(StartCommands.aQuickStart().expectingService(FIXTURE).build());

        StatusEvent.Failed failed = (StatusEvent.Failed) session.started().toCompletableFuture().getNow(null);
        assertThat(failed).as("decided without waiting for the startup timeout").isNotNull();
        assertThat(failed.cause().failureClass()).isEqualTo(FailureClass.PORT_IN_USE);
        assertThat(events.names()).containsExactly("launching", "failed");
        assertThat(launcher.lastBackend().stopRequested()).isTrue();
    }

    @Test
    void givenSomethingAcceptsConnectionsButNeverAnswers_whenStarting_thenPortInUseNamesTheHolder() {
        probe.answers(timedOut());

        BackendSession session = service.start(StartCommands.quickStart());

        StatusEvent.Failed failed = (StatusEvent.Failed) session.started().toCompletableFuture().getNow(null);
        assertThat(failed.cause().summary()).contains("held by pid 777 (python3 impostor.py)");
        assertThat(lookups).containsExactly(StartCommands.ENDPOINT);
    }
}
