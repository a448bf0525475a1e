package io.lifeline.domain.usecase;

import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.model.UnhealthyServices;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.HeadStart;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.port.out.BackendLauncher.LaunchResult;
import io.lifeline.domain.testing.FakeRunningBackend;
import io.lifeline.domain.testing.HealthReports;
import io.lifeline.domain.testing.ProbeFailures;
import io.lifeline.domain.testing.StartupFailures;
import io.lifeline.domain.testing.StartupHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import static io.lifeline.domain.testing.Futures.isDone;
import static io.lifeline.domain.testing.Futures.resultOf;
import static io.lifeline.domain.testing.HealthReports.aHealthyReport;
import static io.lifeline.domain.testing.HealthReports.databaseDegraded;
import static io.lifeline.domain.testing.HealthReports.healthy;
import static io.lifeline.domain.testing.ProbeFailures.refused;
import static io.lifeline.domain.testing.StartCommands.BACKEND;
import static io.lifeline.domain.testing.StartCommands.ENDPOINT;
import static io.lifeline.domain.testing.StartCommands.PROBE_INTERVAL;
import static io.lifeline.domain.testing.StartCommands.PROBE_TIMEOUT;
import static io.lifeline.domain.testing.StartCommands.STARTUP_TIMEOUT;
import static io.lifeline.domain.testing.StartCommands.STOP_GRACE;
import static io.lifeline.domain.testing.StartCommands.aQuickStart;
import static io.lifeline.domain.testing.StartCommands.quickStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The start use case end to end on fakes: time is a {@link io.lifeline.domain.testing.ManualClock} that only moves
 * when a test advances the scheduler, so every timing below is exact and nothing sleeps.
 */
class StartBackendServiceTest {

    private static final long FIRST_PID = 1001;
    private static final long REPORTED_PID = 4242;
    private static final String[] CRASH_OUTPUT = {"Traceback (most recent call last):", "RuntimeError: boom"};
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    private final StartupHarness h = new StartupHarness();

    @Nested
    class WithAHeadStart {

        private final CorrelationId aheadId = new CorrelationId("backend-startup-77");

        private HeadStart headStartFor(StartBackendCommand command, FakeRunningBackend backend) {
            LaunchRequest request = new LaunchRequest(command.backend(), command.endpoint(), aheadId,
                    command.launchMode());
            return new HeadStart(request, CompletableFuture.completedFuture(new LaunchResult.Launched(backend)));
        }

        @Test
        void givenTheFirstLaunchBegunAhead_whenStarting_thenItIsAttempt1AndNothingChecksThePortOrLaunchesAgain() {
            StartBackendCommand command = quickStart();
            FakeRunningBackend ahead = FakeRunningBackend.withPid(FIRST_PID);
            h.probe.answers(healthy());

            BackendSession session = h.start(command, headStartFor(command, ahead));

            StatusEvent.Connected connected = connectedEvent(session);
            assertThat(connected.attached()).isFalse();
            assertThat(connected.attempt()).isEqualTo(1);
            assertThat(connected.pid()).hasValue(FIRST_PID);
            assertThat(session.correlationId()).isEqualTo(aheadId);
            assertThat(h.launcher.launchCount()).isZero();
            assertThat(h.transitions.labels()).startsWith("launching", "waiting-for-health", "connected");
            assertThat(h.probe.probes()).allSatisfy(probe -> assertThat(probe.correlationId()).isEqualTo(aheadId));
        }

        @Test
        void givenTheHeadStartCrashes_whenTheRetryComes_thenTheLauncherMakesAttempt2() {
            StartBackendCommand command = quickStart();
            FakeRunningBackend ahead = FakeRunningBackend.crashed(FIRST_PID, 3, CRASH_OUTPUT);
            h.launcher.willLaunch(FakeRunningBackend.withPid(FIRST_PID + 1));
            h.probe.answers(healthy());

            BackendSession session = h.start(command, headStartFor(command, ahead));
            h.advance(ONE_MINUTE);

            StatusEvent.Connected connected = connectedEvent(session);
            assertThat(connected.attempt()).isEqualTo(2);
            assertThat(connected.pid()).hasValue(FIRST_PID + 1);
            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(h.events.names()).containsExactly("launching", "retrying", "launching", "connected");
        }

        @Test
        void givenAHeadStartMadeForAnotherBackend_whenStarting_thenItIsKilledBeforeTheRunLaunchesItsOwn() {
            StartBackendCommand command = quickStart();
            FakeRunningBackend stray = FakeRunningBackend.withPid(FIRST_PID + 50);
            LaunchRequest other = new LaunchRequest(command.backend(), new Endpoint("127.0.0.1", 9),
                    aheadId, command.launchMode());
            CompletableFuture<LaunchResult> strayLaunch = new CompletableFuture<>();
            h.launcher.willLaunch(FakeRunningBackend.withPid(FIRST_PID));
            h.probe.answers(healthy());

            BackendSession session = h.start(command, new HeadStart(other, strayLaunch));
            assertThat(h.launcher.launchCount()).as("not while the stray one may still come up").isZero();
            strayLaunch.complete(new LaunchResult.Launched(stray));

            assertThat(stray.killed()).isTrue();
            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(connectedEvent(session).attempt()).isEqualTo(1);
        }

        @Test
        void givenAnAbandonedHeadStart_whenItIsUp_thenItIsKilledAndTheAbandonCompletesWhenItIsGone() {
            FakeRunningBackend ahead = FakeRunningBackend.withPid(FIRST_PID);
            CompletableFuture<LaunchResult> launch = new CompletableFuture<>();
            HeadStart headStart = new HeadStart(new LaunchRequest(quickStart().backend(), ENDPOINT, aheadId,
                    quickStart().launchMode()), launch);

            CompletionStage<Void> gone = headStart.abandon();
            assertThat(isDone(gone)).isFalse();
            launch.complete(new LaunchResult.Launched(ahead));

            assertThat(isDone(gone)).isTrue();
            assertThat(ahead.killed()).isTrue();
        }
    }

    @Nested
    class AttachingToARunningBackend {

        @Test
        void givenHealthyBackendAlreadyRunning_whenStarting_thenAttachesWithItsReportedPidAndLaunchesNothing() {
            h.probe.answers(aHealthyReport().withPid(REPORTED_PID).build());

            BackendSession session = h.start(quickStart());

            StatusEvent.Connected connected = connectedEvent(session);
            assertThat(connected.attached()).isTrue();
            assertThat(connected.attempt()).isZero();
            assertThat(connected.pid()).hasValue(REPORTED_PID);
            assertThat(connected.endpoint()).isEqualTo(ENDPOINT);
            assertThat(connected.elapsed()).isZero();
            assertThat(session.state()).isEqualTo(new StartupState.Connected(0, OptionalLong.of(REPORTED_PID), true));
            assertThat(h.launcher.launchCount()).isZero();
            assertThat(h.events.names()).containsExactly("connected");
        }

        @Test
        void givenAttachedBackend_whenStopping_thenItIsLeftRunningAndStoppedIsPublished() {
            h.probe.answers(aHealthyReport().withPid(REPORTED_PID).build());
            BackendSession session = h.start(quickStart());

            CompletionStage<Void> stop = session.stop();

            assertThat(isDone(stop)).isTrue();
            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("connected", "stopped");
            assertThat(h.events.single(StatusEvent.Stopped.class).detail()).startsWith("left running");
            assertThat(h.launcher.launchCount()).isZero();
            assertThat(isDone(session.disconnected())).isFalse();
        }

        @Test
        void givenAttach_thenTheStateGoesStraightFromCheckingToConnected() {
            h.probe.answers(healthy());

            h.start(quickStart()).stop();

            assertThat(h.transitions.labels()).containsExactly("checking-existing", "connected", "stopped");
        }

        @Test
        void givenDegradedBackendAlreadyRunningAndDegradedAccepted_whenStarting_thenAttachesAndReportsDegraded() {
            h.probe.answers(databaseDegraded());

            BackendSession session = h.start(aQuickStart().acceptingDegraded());

            assertThat(connectedEvent(session).attached()).isTrue();
            assertThat(connectedEvent(session).pid()).isEmpty();
            assertThat(h.events.names()).containsExactly("connected", "degraded");
            assertThat(h.events.single(StatusEvent.Degraded.class).services())
                    .isEqualTo(Map.of("database", "degraded"));
        }
    }

    @Nested
    class LaunchingAndConnecting {

        @Test
        void givenNothingListening_whenStarting_thenLaunchesAndWaitsForHealth() {
            BackendSession session = h.start(quickStart());

            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(session.state()).isEqualTo(new StartupState.WaitingForHealth(1, FIRST_PID));
            assertThat(isDone(session.started())).isFalse();
            StatusEvent.Launching launching = h.events.single(StatusEvent.Launching.class);
            assertThat(launching.attempt()).isEqualTo(1);
            assertThat(launching.maxAttempts()).isEqualTo(3);
            assertThat(launching.pid()).isEqualTo(FIRST_PID);
            assertThat(launching.endpoint()).isEqualTo(ENDPOINT);
        }

        @Test
        void givenLaunch_thenTheLauncherGetsTheBackendEndpointAndCorrelationId() {
            BackendSession session = h.start(quickStart());

            var request = h.launcher.launches().get(0).request();
            assertThat(request.backend()).isEqualTo(BACKEND);
            assertThat(request.endpoint()).isEqualTo(ENDPOINT);
            assertThat(request.correlationId()).isEqualTo(session.correlationId());
        }

        @Test
        void givenBackendNotYetListening_whenWaiting_thenProbesOncePerProbeInterval() {
            h.start(quickStart());

            h.advance(Duration.ofSeconds(1));

            assertThat(h.probe.probeTimes()).containsExactly(h.t0(), h.t0(), h.at(ms(250)), h.at(ms(500)),
                    h.at(ms(750)), h.at(ms(1000)));
        }

        @Test
        void givenBackendBecomesHealthy_whenTheNextProbeSeesIt_thenConnectedOnAttemptOne() {
            BackendSession session = h.start(quickStart());
            h.probe.answers(healthy());

            h.advance(PROBE_INTERVAL);

            StatusEvent.Connected connected = connectedEvent(session);
            assertThat(connected.attempt()).isEqualTo(1);
            assertThat(connected.attached()).isFalse();
            assertThat(connected.pid()).hasValue(FIRST_PID);
            assertThat(connected.elapsed()).isEqualTo(PROBE_INTERVAL);
            assertThat(session.state()).isEqualTo(new StartupState.Connected(1, OptionalLong.of(FIRST_PID), false));
            assertThat(h.events.names()).containsExactly("launching", "connected");
        }

        @Test
        void givenBackendWritesALineWhenReady_whenItDoes_thenProbedAtOnceAndConnectedWithoutWaitingAnInterval() {
            BackendSession session = h.start(quickStart());
            assertThat(h.probe.probeCount()).as("the check for a running backend, then the attempt's first probe")
                    .isEqualTo(2);
            h.probe.answers(healthy());

            h.launcher.lastBackend().emit("INFO:     Uvicorn running on http://127.0.0.1:8765");

            assertThat(h.probe.probeCount()).isEqualTo(3);
            assertThat(h.probe.probeTimes()).containsOnly(h.t0());
            assertThat(connectedEvent(session).timestamp()).isEqualTo(h.t0());
            assertThat(connectedEvent(session).elapsed()).isZero();
        }

        @Test
        void givenOutputWhileAProbeIsInFlight_whenThatProbeAnswers_thenProbedAgainAtOnceNotAfterAnInterval() {
            h.probe.holdAnswers();
            BackendSession session = h.start(quickStart());
            h.probe.releaseHeld(refused());
            assertThat(h.probe.heldProbes()).as("the attempt's first probe is in flight").isEqualTo(1);

            h.launcher.lastBackend().emit("INFO:     Waiting for application startup.");
            assertThat(h.probe.probeCount()).as("no second probe while one is in flight").isEqualTo(2);
            h.probe.releaseHeld(refused());

            assertThat(h.probe.probeCount()).isEqualTo(3);
            h.probe.releaseHeld(healthy());
            assertThat(connectedEvent(session).timestamp()).isEqualTo(h.t0());
        }

        @Test
        void givenBackendThatAnswersButIsNotReady_whenItLogsEveryRequest_thenOutputNoLongerTriggersProbes() {
            h.start(quickStart());
            h.probe.answers(databaseDegraded());
            h.advance(PROBE_INTERVAL);
            int probes = h.probe.probeCount();

            h.launcher.lastBackend().emit("INFO: 127.0.0.1 - \"GET /health HTTP/1.1\" 200 OK",
                    "INFO: 127.0.0.1 - \"GET /health HTTP/1.1\" 200 OK");

            assertThat(h.probe.probeCount()).as("its access log must not feed back into probes").isEqualTo(probes);
            h.advance(PROBE_INTERVAL);
            assertThat(h.probe.probeCount()).isEqualTo(probes + 1);
        }

        @Test
        void givenAccessLogLineWhileAProbeIsInFlight_whenThatProbeGetsAnAnswer_thenNextProbeWaitsTheInterval() {
            h.probe.holdAnswers();
            h.start(quickStart());
            h.probe.releaseHeld(refused());
            h.launcher.lastBackend().emit("INFO: 127.0.0.1 - \"GET /health HTTP/1.1\" 200 OK");

            h.probe.releaseHeld(databaseDegraded());

            assertThat(h.probe.probeCount()).isEqualTo(2);
            h.advance(PROBE_INTERVAL);
            assertThat(h.probe.probeCount()).isEqualTo(3);
        }

        @Test
        void givenProbeThatBreaksItsContract_whenItFailsExceptionally_thenTreatedAsUnreachableAndWaitingGoesOn() {
            BackendSession session = h.start(quickStart());
            h.probe.answersBy(at -> {
                throw new IllegalStateException("adapter bug");
            });

            h.advance(PROBE_INTERVAL);
            assertThat(session.state()).isInstanceOf(StartupState.WaitingForHealth.class);

            h.probe.answers(healthy());
            h.advance(PROBE_INTERVAL);
            assertThat(connectedEvent(session).timestamp()).isEqualTo(h.at(PROBE_INTERVAL.multipliedBy(2)));
        }

        @Test
        void givenEveryProbe_thenItCarriesTheEndpointTheRunsIdAndTheProbeTimeout() {
            BackendSession session = h.start(quickStart());
            h.advance(PROBE_INTERVAL);

            assertThat(h.probe.probes()).isNotEmpty().allSatisfy(probe -> {
                assertThat(probe.endpoint()).isEqualTo(ENDPOINT);
                assertThat(probe.correlationId()).isEqualTo(session.correlationId());
                assertThat(probe.timeout()).isEqualTo(PROBE_TIMEOUT);
            });
        }

        @Test
        void givenConnected_whenTheBackendKeepsWritingAndTheStartupTimeoutPasses_thenNothingMoreHappens() {
            BackendSession session = startAndConnect();
            int probes = h.probe.probeCount();

            h.launcher.lastBackend().emit("INFO: GET /health 200", "INFO: GET /api 200");
            h.advance(STARTUP_TIMEOUT.multipliedBy(3));

            assertThat(h.probe.probeCount()).isEqualTo(probes);
            assertThat(session.state()).isInstanceOf(StartupState.Connected.class);
            assertThat(h.events.names()).containsExactly("launching", "connected");
            assertThat(h.scheduler.pendingTasks()).isZero();
        }

        @Test
        void givenHealthyLaunch_thenTheStatesAreCheckingLaunchingWaitingConnectedInOrder() {
            startAndConnect();

            assertThat(h.transitions.states()).containsExactly(
                    new StartupState.CheckingExisting(),
                    new StartupState.Launching(1),
                    new StartupState.WaitingForHealth(1, FIRST_PID),
                    new StartupState.Connected(1, OptionalLong.of(FIRST_PID), false));
            assertThat(h.transitions.transitions().get(0).from()).isEqualTo(new StartupState.Idle());
        }
    }

    @Nested
    class RetryingAfterACrash {

        @Test
        void givenCrashDuringStartup_whenStarting_thenRetriesTwiceAndReportsExitCode() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));

            BackendSession session = h.start(quickStart());
            h.advance(ONE_MINUTE);

            assertThat(h.events.names()).containsExactly("launching", "retrying", "launching", "retrying",
                    "launching", "failed");
            StartupFailure crash = new ExitedDuringStartup(3, List.of(CRASH_OUTPUT));
            assertThat(h.events.ofType(StatusEvent.Retrying.class))
                    .extracting(StatusEvent.Retrying::nextAttempt, StatusEvent.Retrying::maxAttempts,
                            StatusEvent.Retrying::delay, StatusEvent.Retrying::cause)
                    .containsExactly(
                            tuple(2, 3, Duration.ofSeconds(2), crash),
                            tuple(3, 3, Duration.ofSeconds(4), crash));
            StatusEvent.Failed failed = failedEvent(session);
            assertThat(failed.cause()).isEqualTo(crash);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastOutput()).containsExactly(CRASH_OUTPUT);
            assertThat(session.state()).isEqualTo(new StartupState.Failed(crash));
        }

        @Test
        void givenCrashDuringStartup_whenRetrying_thenTheNextLaunchesComeAfterExactlyTwoAndFourSeconds() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));
            BackendSession session = h.start(quickStart());

            h.advance(ms(1999));
            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(session.state()).isEqualTo(new StartupState.RetryBackoff(2, Duration.ofSeconds(2)));
            h.advance(ms(1));
            assertThat(h.launcher.launchCount()).isEqualTo(2);

            h.advance(ms(3999));
            assertThat(h.launcher.launchCount()).isEqualTo(2);
            h.advance(ms(1));
            assertThat(h.launcher.launchCount()).isEqualTo(3);

            assertThat(h.launcher.launchTimes()).containsExactly(h.t0(), h.at(seconds(2)), h.at(seconds(6)));
            assertThat(failedEvent(session).timestamp()).isEqualTo(h.at(seconds(6)));
        }

        @Test
        void givenCrashDuringStartup_whenRetrying_thenEachFailedBackendIsStoppedBeforeTheNextLaunch() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));

            h.start(quickStart());
            h.advance(ONE_MINUTE);

            assertThat(h.launcher.launches()).allSatisfy(launch ->
                    assertThat(launch.unstoppedEarlierPids()).as("backends still running at launch %d",
                            launch.number()).isEmpty());
            assertThat(h.launcher.backends()).hasSize(3).allSatisfy(backend -> {
                assertThat(backend.stopRequested()).isTrue();
                assertThat(backend.stopRequests()).containsOnly(STOP_GRACE);
            });
        }

        @Test
        void givenCrashDuringStartup_thenTheStatesRetryThroughBackoffUntilFailed() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));

            h.start(quickStart());
            h.advance(ONE_MINUTE);

            assertThat(h.transitions.states()).containsExactly(
                    new StartupState.CheckingExisting(),
                    new StartupState.Launching(1),
                    new StartupState.WaitingForHealth(1, 1001),
                    new StartupState.RetryBackoff(2, Duration.ofSeconds(2)),
                    new StartupState.Launching(2),
                    new StartupState.WaitingForHealth(2, 1002),
                    new StartupState.RetryBackoff(3, Duration.ofSeconds(4)),
                    new StartupState.Launching(3),
                    new StartupState.WaitingForHealth(3, 1003),
                    new StartupState.Failed(new ExitedDuringStartup(3, List.of(CRASH_OUTPUT))));
        }

        @Test
        void givenFirstAttemptCrashes_whenTheSecondBecomesHealthy_thenConnectedOnAttemptTwo() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(1001, 3, CRASH_OUTPUT));
            h.probe.answersNext(refused()).answers(healthy());

            BackendSession session = h.start(quickStart());
            h.advance(seconds(2));

            StatusEvent.Connected connected = connectedEvent(session);
            assertThat(connected.attempt()).isEqualTo(2);
            assertThat(connected.pid()).hasValue(1002);
            assertThat(connected.elapsed()).isEqualTo(seconds(2));
            assertThat(h.events.names()).containsExactly("launching", "retrying", "launching", "connected");
        }

        @Test
        void givenSingleAttemptPolicy_whenTheBackendCrashes_thenFailsWithoutRetrying() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));

            BackendSession session = h.start(aQuickStart().withoutRetries());

            assertThat(failedEvent(session).attempts()).isEqualTo(1);
            assertThat(h.events.names()).containsExactly("launching", "failed");
        }
    }

    @Nested
    class FailingFast {

        @Test
        void givenProcessExitsOneSecondIn_whenTheStartupTimeoutIsThirtySeconds_thenTheAttemptFailsAtOneSecond() {
            BackendSession session = h.start(aQuickStart().withoutRetries().withStartupTimeout(seconds(30)));
            FakeRunningBackend backend = h.launcher.lastBackend();

            h.advance(seconds(1));
            backend.emit("KeyError: 'DATABASE_URL'");
            backend.exit(1);

            StatusEvent.Failed failed = failedEvent(session);
            assertThat(failed.timestamp()).isEqualTo(h.at(seconds(1)));
            assertThat(failed.cause()).isEqualTo(
                    new ExitedDuringStartup(1, List.of("KeyError: 'DATABASE_URL'")));
            assertThat(h.scheduler.pendingTasks()).as("deadline and next probe cancelled").isZero();
        }

        @Test
        void givenProcessExitsOneSecondIn_whenRetriesRemain_thenTheRetryIsAnnouncedAtOneSecond() {
            h.start(aQuickStart().withStartupTimeout(seconds(30)));

            h.advance(seconds(1));
            h.launcher.lastBackend().exit(1);

            assertThat(h.events.last()).isInstanceOf(StatusEvent.Retrying.class);
            assertThat(h.events.last().timestamp()).isEqualTo(h.at(seconds(1)));
        }
    }

    @Nested
    class TimingOut {

        @Test
        void givenNothingEverAnswers_whenTheStartupTimeoutPasses_thenTheAttemptFailsWithTheLastProbeAsCause() {
            BackendSession session = h.start(quickStart());

            h.advance(STARTUP_TIMEOUT.minusMillis(1));
            assertThat(session.state()).isInstanceOf(StartupState.WaitingForHealth.class);
            assertThat(h.events.names()).containsExactly("launching");

            h.advance(ms(1));
            StatusEvent.Retrying retrying = h.events.single(StatusEvent.Retrying.class);
            assertThat(retrying.timestamp()).isEqualTo(h.at(STARTUP_TIMEOUT));
            assertThat(retrying.cause()).isEqualTo(new HealthTimeout(STARTUP_TIMEOUT, PROBE_TIMEOUT,
                    Optional.of(new HealthVerdict.Unreachable(refused()))));
            assertThat(h.launcher.backend(1).stopRequests()).containsExactly(STOP_GRACE);
        }

        @Test
        void givenNothingEverAnswers_whenAllAttemptsTimeOut_thenFailedAfterThreeTimeoutsAndTwoBackoffs() {
            BackendSession session = h.start(quickStart());

            h.advance(ONE_MINUTE);

            StatusEvent.Failed failed = failedEvent(session);
            assertThat(failed.cause()).isInstanceOf(HealthTimeout.class);
            assertThat(((HealthTimeout) failed.cause()).lastObservation())
                    .contains(new HealthVerdict.Unreachable(refused()));
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.timestamp()).isEqualTo(h.at(seconds(5 + 2 + 5 + 4 + 5)));
            assertThat(h.launcher.launchTimes()).containsExactly(h.t0(), h.at(seconds(7)), h.at(seconds(16)));
            assertThat(h.launcher.backends()).allSatisfy(backend -> assertThat(backend.stopped()).isTrue());
        }

        @Test
        void givenNoProbeEverCompletes_whenTheStartupTimeoutPasses_thenHealthTimeoutSaysNoneCompleted() {
            h.probe.holdAnswers();
            BackendSession session = h.start(aQuickStart().withoutRetries());
            h.probe.releaseHeld(refused());

            h.advance(STARTUP_TIMEOUT);

            StartupFailure cause = failedEvent(session).cause();
            assertThat(cause).isEqualTo(new HealthTimeout(STARTUP_TIMEOUT, PROBE_TIMEOUT,
                    Optional.empty()));
            assertThat(cause.summary()).contains("none completed (probe timeout 1s)");
        }

        @Test
        void givenProbeInFlightAtTheDeadline_whenItAnswersHealthyLate_thenTheAttemptStaysFailed() {
            h.probe.holdAnswers();
            BackendSession session = h.start(aQuickStart().withoutRetries());
            h.probe.releaseHeld(refused());

            h.advance(STARTUP_TIMEOUT);
            h.probe.releaseHeld(healthy());

            assertThat(failedEvent(session).cause().failureClass()).isEqualTo(FailureClass.HEALTH_TIMEOUT);
            assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
            assertThat(h.events.names()).containsExactly("launching", "failed");
        }

        @Test
        void givenBackendHealthyOnlyAfterTheTimeout_whenWaiting_thenTheAttemptHasAlreadyFailed() {
            Instant healthyFrom = h.at(STARTUP_TIMEOUT.plusSeconds(1));
            h.probe.answersBy(at -> at.isBefore(healthyFrom) ? refused() : healthy());

            BackendSession session = h.start(aQuickStart().withoutRetries());
            h.advance(ONE_MINUTE);

            assertThat(failedEvent(session).cause().failureClass()).isEqualTo(FailureClass.HEALTH_TIMEOUT);
        }
    }

    @Nested
    class DegradedBackend {

        @Test
        void givenDatabaseStaysDegraded_whenWaiting_thenNotConnectedButDegradedIsPublished() {
            BackendSession session = h.start(aQuickStart().withoutRetries());
            h.probe.answers(databaseDegraded());

            h.advance(PROBE_INTERVAL);

            assertThat(isDone(session.started())).isFalse();
            assertThat(session.state()).isInstanceOf(StartupState.WaitingForHealth.class);
            assertThat(h.events.names()).containsExactly("launching", "degraded");
            assertThat(h.events.single(StatusEvent.Degraded.class).services())
                    .isEqualTo(Map.of("database", "degraded"));
        }

        @Test
        void givenDatabaseStaysDegraded_whenTheStartupTimeoutPasses_thenFailedWithUnhealthyServicesNamingIt() {
            BackendSession session = h.start(aQuickStart().withoutRetries());
            h.probe.answers(databaseDegraded());

            h.advance(STARTUP_TIMEOUT);

            StartupFailure cause = failedEvent(session).cause();
            assertThat(cause).isInstanceOf(UnhealthyServices.class);
            assertThat(((UnhealthyServices) cause).services())
                    .isEqualTo(Map.of("database", "degraded"));
            assertThat(cause.summary()).contains("database: degraded");
            assertThat(h.events.names()).as("degraded is published once per attempt, not per probe")
                    .containsExactly("launching", "degraded", "failed");
        }

        @Test
        void givenDegradedAccepted_whenTheDatabaseIsDegraded_thenConnectedAndDegradedPublished() {
            BackendSession session = h.start(aQuickStart().acceptingDegraded());
            h.probe.answers(databaseDegraded());

            h.advance(PROBE_INTERVAL);

            assertThat(connectedEvent(session).attempt()).isEqualTo(1);
            assertThat(h.events.names()).containsExactly("launching", "connected", "degraded");
            assertThat(h.events.single(StatusEvent.Degraded.class).services())
                    .isEqualTo(Map.of("database", "degraded"));
        }
    }

    @Nested
    class FailuresNoRetryCanFix {

        @Test
        void givenNoUsableInterpreter_whenStarting_thenFailsAtOnceAfterOneAttemptWithoutRetrying() {
            h.launcher.willNotLaunch(StartupFailures.interpreterNotFound());

            BackendSession session = h.start(quickStart());
            h.advance(ONE_MINUTE);

            StatusEvent.Failed failed = failedEvent(session);
            assertThat(failed.cause()).isEqualTo(StartupFailures.interpreterNotFound());
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.timestamp()).isEqualTo(h.t0());
            assertThat(h.events.names()).containsExactly("failed");
            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(h.transitions.labels()).containsExactly("checking-existing", "launching", "failed");
        }

        @Test
        void givenMissingPackage_whenTheBackendExits_thenPackagesMissingWithTheInstallCommandAndNoRetry() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(FIRST_PID, 1, "Traceback (most recent call last):",
                    "ModuleNotFoundError: No module named 'fastapi'"));

            BackendSession session = h.start(quickStart());
            h.advance(ONE_MINUTE);

            assertThat(failedEvent(session).cause()).isEqualTo(new PackagesMissing(
                    "Python", List.of("fastapi"), FakeRunningBackend.DEFAULT_INTERPRETER,
                    "/usr/bin/python3 -m pip install -r /srv/lifeline/backend/requirements.txt"));
            assertThat(h.events.names()).containsExactly("launching", "failed");
            assertThat(h.launcher.launchCount()).isEqualTo(1);
        }

        @Test
        void givenBackendCannotBindThePort_whenItExits_thenPortInUseAndNoRetry() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(FIRST_PID, 1,
                    "ERROR:    [Errno 98] error while attempting to bind on address: address already in use"));

            BackendSession session = h.start(quickStart());
            h.advance(ONE_MINUTE);

            assertThat(failedEvent(session).cause()).isInstanceOf(PortInUse.class);
            assertThat(h.launcher.launchCount()).isEqualTo(1);
        }

        @Test
        void givenLauncherBreaksAgainstItsContract_whenTheLaunchFailsExceptionally_thenLaunchFailedNotRetried() {
            h.launcher.willHoldLaunch().completeExceptionally(new IOException("fork failed"));

            BackendSession session = h.start(quickStart());
            h.advance(ONE_MINUTE);

            StartupFailure cause = failedEvent(session).cause();
            assertThat(cause).isInstanceOf(LaunchFailed.class);
            assertThat(cause.summary()).contains("fork failed");
            assertThat(h.launcher.launchCount()).isEqualTo(1);
        }
    }

    @Nested
    class SomethingElseHoldsThePort {

        static Stream<Arguments> answersThatAreNotAHealthyBackend() {
            return Stream.of(
                    arguments("backend with unhealthy cache", HealthReports.cacheUnhealthy()),
                    arguments("connection accepted, no answer", ProbeFailures.timedOut()),
                    arguments("another web server", ProbeFailures.notJson()),
                    arguments("degraded backend, degraded not accepted", databaseDegraded()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("answersThatAreNotAHealthyBackend")
        void givenSomethingNotHealthyAnswers_whenStarting_thenFailedPortInUseWithoutLaunching(
                String scenario, HealthObservation answer) {
            h.probe.answers(answer);

            BackendSession session = h.start(quickStart());

            StatusEvent.Failed failed = failedEvent(session);
            assertThat(failed.cause()).isInstanceOf(PortInUse.class);
            assertThat(failed.cause().summary()).contains("8765").contains("not a healthy backend");
            assertThat(failed.attempts()).isZero();
            assertThat(h.launcher.launchCount()).isZero();
            assertThat(h.events.names()).containsExactly("failed");
            assertThat(h.transitions.labels()).containsExactly("checking-existing", "failed");
        }
    }

    @Nested
    class Stopping {

        @Test
        void givenWaitingForHealth_whenStopping_thenTheBackendIsStoppedWithTheGraceAndTheRunEndsStopped() {
            BackendSession session = h.start(quickStart());
            FakeRunningBackend backend = h.launcher.lastBackend();

            CompletionStage<Void> stop = session.stop();

            assertThat(isDone(stop)).isTrue();
            assertThat(backend.stopRequests()).isNotEmpty().containsOnly(STOP_GRACE);
            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("launching", "stopped");
            assertThat(resultOf(session.started())).isEqualTo(h.events.single(StatusEvent.Stopped.class));
            assertThat(h.transitions.labels()).containsExactly("checking-existing", "launching", "waiting-for-health",
                    "stopping", "stopped");
        }

        @Test
        void givenStoppedWhileWaitingForHealth_whenTimePasses_thenNoFurtherProbesOrAttempts() {
            BackendSession session = h.start(quickStart());
            session.stop();
            int probes = h.probe.probeCount();

            h.advance(ONE_MINUTE);

            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(h.probe.probeCount()).isEqualTo(probes);
            assertThat(h.events.names()).containsExactly("launching", "stopped");
            assertThat(h.scheduler.pendingTasks()).isZero();
        }

        @Test
        void givenProbeInFlight_whenStoppingAndThenItAnswersHealthy_thenTheRunStaysStopped() {
            h.probe.holdAnswers();
            BackendSession session = h.start(quickStart());
            h.probe.releaseHeld(refused());

            session.stop();
            h.probe.releaseHeld(healthy());

            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("launching", "stopped");
        }

        @Test
        void givenBackendTakesItsGracePeriod_whenStopping_thenTheRunIsStoppedOnlyOnceTheBackendIsGone() {
            FakeRunningBackend slow = FakeRunningBackend.withPid(FIRST_PID).holdStop();
            h.launcher.willLaunch(slow);
            BackendSession session = h.start(quickStart());

            CompletionStage<Void> stop = session.stop();

            assertThat(isDone(stop)).isFalse();
            assertThat(isDone(session.started())).isFalse();
            assertThat(session.state()).isEqualTo(new StartupState.Stopping());
            assertThat(h.events.names()).containsExactly("launching");

            slow.finishStop();

            assertThat(isDone(stop)).isTrue();
            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("launching", "stopped");
        }

        @Test
        void givenRetryBackoff_whenStopping_thenTheNextAttemptIsNeverLaunched() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(FIRST_PID, 3, CRASH_OUTPUT));
            BackendSession session = h.start(quickStart());
            assertThat(session.state()).isInstanceOf(StartupState.RetryBackoff.class);

            CompletionStage<Void> stop = session.stop();
            h.advance(ONE_MINUTE);

            assertThat(isDone(stop)).isTrue();
            assertThat(h.launcher.launchCount()).isEqualTo(1);
            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("launching", "retrying", "stopped");
            assertThat(resultOf(session.started())).isInstanceOf(StatusEvent.Stopped.class);
        }

        @Test
        void givenStillCheckingForARunningBackend_whenStopping_thenNothingIsLaunchedWhenTheCheckAnswers() {
            h.probe.holdAnswers();
            BackendSession session = h.start(quickStart());
            assertThat(session.state()).isEqualTo(new StartupState.CheckingExisting());

            CompletionStage<Void> stop = session.stop();
            h.probe.releaseHeld(refused());

            assertThat(isDone(stop)).isTrue();
            assertThat(h.launcher.launchCount()).isZero();
            assertThat(h.events.names()).containsExactly("stopped");
        }

        @Test
        void givenFirstLaunchStillPending_whenStopping_thenTheBackendIsStoppedAsSoonAsItArrives() {
            CompletableFuture<LaunchResult> pending = h.launcher.willHoldLaunch();
            BackendSession session = h.start(quickStart());
            assertThat(session.state()).isEqualTo(new StartupState.Launching(1));

            CompletionStage<Void> stop = session.stop();
            assertThat(isDone(stop)).isFalse();
            FakeRunningBackend late = FakeRunningBackend.withPid(FIRST_PID);
            pending.complete(h.launcher.launched(late));

            assertThat(late.stopRequests()).containsExactly(STOP_GRACE);
            assertThat(isDone(stop)).isTrue();
            assertThat(session.state()).isEqualTo(new StartupState.Stopped());
            assertThat(h.events.names()).containsExactly("stopped");
        }

        @Test
        void givenRetryLaunchStillPending_whenStopping_thenStopCompletesOnlyAfterThatBackendIsStopped() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(FIRST_PID, 3, CRASH_OUTPUT));
            CompletableFuture<LaunchResult> pending = h.launcher.willHoldLaunch();
            BackendSession session = h.start(quickStart());
            h.advance(seconds(2));
            assertThat(session.state()).isEqualTo(new StartupState.Launching(2));

            CompletionStage<Void> stop = session.stop();
            assertThat(isDone(stop)).as("stop() must wait for the launch in flight").isFalse();

            FakeRunningBackend late = FakeRunningBackend.withPid(1002);
            pending.complete(h.launcher.launched(late));
            assertThat(late.stopped()).isTrue();
            assertThat(isDone(stop)).isTrue();
        }

        @Test
        void givenConnectedLaunchedBackend_whenStopping_thenItIsStoppedAndNoDisconnectIsReported() {
            BackendSession session = startAndConnect();
            FakeRunningBackend backend = h.launcher.lastBackend();

            CompletionStage<Void> stop = session.stop();

            assertThat(isDone(stop)).isTrue();
            assertThat(backend.stopRequests()).containsExactly(STOP_GRACE);
            assertThat(h.events.names()).containsExactly("launching", "connected", "stopped");
            assertThat(h.events.single(StatusEvent.Stopped.class).detail()).isEqualTo("backend stopped");
            assertThat(isDone(session.disconnected())).isFalse();
            assertThat(h.transitions.labels()).endsWith("connected", "stopping", "stopped");
        }

        @Test
        void givenStoppedRun_whenStoppingAgain_thenSameCompletionAndNoSecondEvent() {
            BackendSession session = startAndConnect();

            CompletionStage<Void> first = session.stop();
            CompletionStage<Void> second = session.stop();

            assertThat(second).isSameAs(first);
            assertThat(h.events.ofType(StatusEvent.Stopped.class)).hasSize(1);
        }

        @Test
        void givenFailedRun_whenStopping_thenCompletesAtOnceWithoutAnotherEvent() {
            h.launcher.willNotLaunch(StartupFailures.interpreterNotFound());
            BackendSession session = h.start(quickStart());

            CompletionStage<Void> stop = session.stop();

            assertThat(isDone(stop)).isTrue();
            assertThat(session.state()).isInstanceOf(StartupState.Failed.class);
            assertThat(h.events.names()).containsExactly("failed");
        }
    }

    @Nested
    class Disconnecting {

        @Test
        void givenConnectedBackend_whenItExitsOnItsOwn_thenDisconnectedWithExitCodeAndLastLines() {
            BackendSession session = startAndConnect();
            FakeRunningBackend backend = h.launcher.lastBackend();
            h.advance(seconds(10));

            backend.emit("ERROR: database connection lost");
            backend.exit(1);

            StatusEvent.Disconnected disconnected = resultOf(session.disconnected());
            assertThat(disconnected.exitCode()).isEqualTo(OptionalInt.of(1));
            assertThat(disconnected.pid()).hasValue(FIRST_PID);
            assertThat(disconnected.lastOutput()).endsWith("ERROR: database connection lost");
            assertThat(disconnected.timestamp()).isEqualTo(h.at(seconds(10)));
            assertThat(disconnected.correlationId()).isEqualTo(session.correlationId());
            assertThat(h.events.names()).containsExactly("launching", "connected", "disconnected");
            assertThat(session.state()).isEqualTo(new StartupState.Disconnected(OptionalLong.of(1)));
        }

        @Test
        void givenDisconnected_whenStopping_thenStoppedSaysItHadExited() {
            BackendSession session = startAndConnect();
            h.launcher.lastBackend().exit(1);

            session.stop();

            assertThat(h.events.names()).containsExactly("launching", "connected", "disconnected", "stopped");
            assertThat(h.events.single(StatusEvent.Stopped.class).detail()).isEqualTo("backend had already exited");
            assertThat(h.launcher.lastBackend().stopRequested()).isFalse();
        }
    }

    @Nested
    class ReportingTheRun {

        @Test
        void givenARunWithRetryConnectAndStop_thenEveryEventCarriesTheRunsIdAndTheFakeClocksTime() {
            h.launcher.willLaunch(FakeRunningBackend.crashed(FIRST_PID, 3, CRASH_OUTPUT));
            h.probe.answersNext(refused(), refused()).answers(healthy());
            BackendSession session = h.start(quickStart());
            h.advance(seconds(2));
            h.advance(PROBE_INTERVAL);
            h.advance(seconds(3));
            session.stop();

            assertThat(h.events.names()).containsExactly("launching", "retrying", "launching", "connected",
                    "stopped");
            assertThat(h.events.events()).extracting(StatusEvent::correlationId)
                    .containsOnly(session.correlationId());
            assertThat(h.events.events()).extracting(StatusEvent::timestamp).containsExactly(
                    h.t0(), h.t0(), h.at(seconds(2)), h.at(ms(2250)), h.at(ms(5250)));
            assertThat(h.transitions.transitions()).extracting(t -> t.correlationId())
                    .containsOnly(session.correlationId());
        }

        @Test
        void givenAStart_thenTheCorrelationIdIsTheSeedsFormatForTheStartTime() {
            BackendSession session = h.start(quickStart());

            assertThat(session.correlationId())
                    .isEqualTo(new CorrelationId("backend-startup-" + h.t0().toEpochMilli()));
        }

        @Test
        void givenTwoStartsAtTheSameInstant_thenTheirCorrelationIdsDiffer() {
            BackendSession first = h.start(quickStart());
            BackendSession second = h.start(quickStart());

            assertThat(first.correlationId()).isNotEqualTo(second.correlationId());
        }

        @Test
        void givenTransitions_thenEachIsReportedAtTheFakeClocksTimeWithItsPredecessor() {
            h.launcher.otherwise(n -> FakeRunningBackend.crashed(1000 + n, 3, CRASH_OUTPUT));
            h.start(quickStart());
            h.advance(ONE_MINUTE);

            var transitions = h.transitions.transitions();
            for (int i = 1; i < transitions.size(); i++) {
                assertThat(transitions.get(i).from()).isEqualTo(transitions.get(i - 1).to());
            }
            assertThat(transitions).extracting(t -> t.at()).containsExactly(
                    h.t0(), h.t0(), h.t0(), h.t0(),
                    h.at(seconds(2)), h.at(seconds(2)), h.at(seconds(2)),
                    h.at(seconds(6)), h.at(seconds(6)), h.at(seconds(6)));
        }
    }

    // ---- helpers ----

    /** Starts with nothing listening, then the launched backend announces itself and answers healthy. */
    private BackendSession startAndConnect() {
        BackendSession session = h.start(quickStart());
        h.probe.answers(healthy());
        h.launcher.lastBackend().emit("INFO:     Application startup complete.");
        assertThat(session.state()).isInstanceOf(StartupState.Connected.class);
        return session;
    }

    private static StatusEvent.Connected connectedEvent(BackendSession session) {
        StatusEvent event = resultOf(session.started());
        assertThat(event).isInstanceOf(StatusEvent.Connected.class);
        return (StatusEvent.Connected) event;
    }

    private static StatusEvent.Failed failedEvent(BackendSession session) {
        StatusEvent event = resultOf(session.started());
        assertThat(event).isInstanceOf(StatusEvent.Failed.class);
        return (StatusEvent.Failed) event;
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }

    private static Duration ms(long value) {
        return Duration.ofMillis(value);
    }

}
