package io.lifeline.domain.usecase;

import io.lifeline.domain.model.AttachPolicy;
import io.lifeline.domain.model.BackendExited;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.ExitedDuringStartup;
import io.lifeline.domain.model.HealthObservation;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.LaunchFailed;
import io.lifeline.domain.model.LivenessFailed;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.OwnershipNotProven;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.ReadyLineNotSeen;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.StartupState;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendLauncher.LaunchRequest;
import io.lifeline.domain.testing.PythonLikeProfile;
import io.lifeline.domain.usecase.Effect.ProbePurpose;
import io.lifeline.domain.usecase.Effect.Timer;
import io.lifeline.domain.usecase.RunState.Attempt;
import io.lifeline.domain.usecase.RunState.AttemptEnd;
import io.lifeline.domain.usecase.RunState.Supervision;
import io.lifeline.domain.usecase.Step.Transition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.lifeline.domain.testing.HealthReports.aHealthyReport;
import static io.lifeline.domain.testing.HealthReports.databaseDegraded;
import static io.lifeline.domain.testing.HealthReports.healthy;
import static io.lifeline.domain.testing.ProbeFailures.notJson;
import static io.lifeline.domain.testing.ProbeFailures.refused;
import static io.lifeline.domain.testing.StartCommands.ENDPOINT;
import static io.lifeline.domain.testing.StartCommands.PROBE_INTERVAL;
import static io.lifeline.domain.testing.StartCommands.STARTUP_TIMEOUT;
import static io.lifeline.domain.testing.StartCommands.aQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition function, table-driven: one case per rule (several where a rule branches), each asserting the
 * next state and the exact effects; every (state, event) pair without a rule is asserted to change nothing; and the
 * cases must cover every row of the table, so a new rule without a case fails here.
 */
class RunMachineTest {

    private static final CorrelationId ID = new CorrelationId("backend-startup-1");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(1);
    private static final Duration ELAPSED = Duration.ofSeconds(1);
    private static final long PID = 1001;
    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> OUTPUT = List.of("Traceback (most recent call last):", "RuntimeError: boom");
    private static final StartupFailure CRASH = new ExitedDuringStartup(3, OUTPUT);
    private static final StartupFailure NOT_STARTED = new LaunchFailed("python3 main.py", "denied");
    private static final PortInUse PORT_IN_USE = new PortInUse(ENDPOINT, "taken");
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private static final StartBackendCommand COMMAND = aQuickStart().supervisedBy(SupervisionPolicy.DEFAULT);
    private static final RunMachine MACHINE = new RunMachine(COMMAND, ID, new PythonLikeProfile());
    private static final LaunchRequest REQUEST = new LaunchRequest(COMMAND.backend(), ENDPOINT, ID,
            COMMAND.launchMode());

    private static final Attempt ATTEMPT = Attempt.launched(1, 1, PID, PYTHON);
    private static final Supervision WATCH = Supervision.connected(1, 1, PID, verdict(healthy()));
    private static final long ATTACHED_PID = 4242;
    /** The process the operating system showed listening when an attached backend was proven ours. */
    private static final ProcessFacts LISTENER = new ProcessFacts(ATTACHED_PID,
            Optional.of(Instant.parse("2026-01-01T09:00:00Z")), List.of("python", "main.py"), Optional.empty(),
            List.of(1L));
    private static final Ownership.Proven BY_ITS_PROCESS = new Ownership.Proven(Ownership.Proof.STARTED_BY_HAND,
            "pid 4242 (python main.py)", Optional.of(LISTENER));
    /** Attached to a backend proven ours by its process, whose answers name pid 4242. */
    private static final RunState.Attached ATTACHED = new RunState.Attached(OptionalLong.of(ATTACHED_PID),
            Optional.of(BY_ITS_PROCESS));
    private static final Duration PROOF_TIMEOUT = COMMAND.timeouts().proofTimeout();
    private static final Ownership.Proven LAUNCHED = new Ownership.Proven(Ownership.Proof.LAUNCHED_BY_LIFELINE,
            "pid 1001 listens on the port");

    /** One state of each kind, as the run has it after its first launch (launch 1, attempt 1, next launch 2). */
    private static final List<RunState> STATES = List.of(new RunState.Idle(), new RunState.CheckingExisting(),
            new RunState.VerifyingOwner(verdict(healthy())),
            new RunState.Launching(1, 1), new RunState.WaitingForHealth(ATTEMPT),
            new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.Exited(3)),
            new RunState.DecidingRetry(1, CRASH, OUTPUT), new RunState.RetryBackoff(2),
            new RunState.ProvingLaunch(ATTEMPT, verdict(healthy())),
            new RunState.Connected(WATCH), ATTACHED, new RunState.Down(), new RunState.RestartBackoff(),
            new RunState.LookingUpPortHolder(PORT_IN_USE, 0, List.of(), false), new RunState.Stopping(1, false),
            new RunState.Failed(), new RunState.Stopped());

    /** One event of each kind, for launch 1. */
    private static final List<RunEvent> EVENTS = List.of(new RunEvent.StartRequested(),
            new RunEvent.ExistingProbed(refused()), new RunEvent.Launched(1, PID, PYTHON),
            new RunEvent.NotLaunched(1, NOT_STARTED), new RunEvent.OutputLine(1, "INFO: started"),
            new RunEvent.StartupProbed(1, refused()), new RunEvent.ProbeDue(1), new RunEvent.AttemptDeadline(1),
            new RunEvent.ProcessExited(1, 3, OUTPUT), new RunEvent.TreeStopped(1, OUTPUT),
            new RunEvent.RetryDecided(1, Optional.of(RETRY_DELAY)), new RunEvent.BackoffOver(),
            new RunEvent.LivenessDue(1), new RunEvent.LivenessProbed(1, healthy()), new RunEvent.StablePeriodOver(1),
            new RunEvent.RestartDue(), new RunEvent.PortHolderFound(Optional.empty()), new RunEvent.StopRequested(),
            new RunEvent.OwnerVerified(new Ownership.Proven(Ownership.Proof.STARTED_BY_HAND, "pid 4242")),
            new RunEvent.LaunchProven(1, LAUNCHED), new RunEvent.ProofDeadline(1),
            new RunEvent.WatchedProcessExited(ATTACHED_PID), new RunEvent.KillRequested());

    @Test
    void theSamplesHaveOneOfEveryKindOfStateAndEvent() {
        assertThat(STATES.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(RunState.class.getPermittedSubclasses()));
        assertThat(EVENTS.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(RunEvent.class.getPermittedSubclasses()));
    }

    @TestFactory
    Stream<DynamicTest> everyPairWithoutARuleChangesNothing() {
        Set<List<Class<?>>> declared = declaredPairs();
        List<DynamicTest> tests = new ArrayList<>();
        for (RunState state : STATES) {
            for (RunEvent event : EVENTS) {
                if (!declared.contains(List.of(state.getClass(), event.getClass()))) {
                    tests.add(DynamicTest.dynamicTest(name(state) + " + " + name(event) + " is ignored", () -> {
                        Run before = runIn(state);
                        Transition transition = MACHINE.next(before, event, NOW);
                        assertThat(transition.next()).isEqualTo(before);
                        assertThat(transition.effects()).isEmpty();
                    }));
                }
            }
        }
        assertThat(tests).as("most pairs have no rule").hasSizeGreaterThan(200);
        return tests.stream();
    }

    @Test
    void everyRuleOfTheTableHasACase() {
        Set<List<Class<?>>> covered = cases().stream()
                .map(c -> List.<Class<?>>of(c.state().getClass(), c.event().getClass())).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(declaredPairs());
    }

    @TestFactory
    Stream<DynamicTest> everyRuleDoesWhatItsCaseSays() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RunMachine machine = new RunMachine(c.command(), ID, new PythonLikeProfile());
            Transition transition = machine.next(runIn(machine, c.state()), c.event(), NOW);
            assertThat(transition.next().state()).as("next state").isEqualTo(c.next());
            assertThat(transition.effects()).as("effects").containsExactlyElementsOf(c.effects());
        }));
    }

    @Test
    void givenAnEventOfAnEarlierLaunch_thenEveryRuleThatWaitsForALaunchIgnoresIt() {
        List<RunEvent> late = List.of(new RunEvent.Launched(0, PID, PYTHON), new RunEvent.NotLaunched(0, NOT_STARTED),
                new RunEvent.StartupProbed(0, healthy()), new RunEvent.ProbeDue(0), new RunEvent.OutputLine(0, "x"),
                new RunEvent.AttemptDeadline(0), new RunEvent.ProcessExited(0, 1, OUTPUT),
                new RunEvent.TreeStopped(0, OUTPUT), new RunEvent.LivenessDue(0),
                new RunEvent.LivenessProbed(0, refused()), new RunEvent.StablePeriodOver(0),
                new RunEvent.RetryDecided(7, Optional.empty()), new RunEvent.LaunchProven(0, LAUNCHED),
                new RunEvent.ProofDeadline(0), new RunEvent.WatchedProcessExited(ATTACHED_PID + 1));
        for (RunState state : STATES) {
            for (RunEvent event : late) {
                Run before = runIn(state);
                Transition transition = MACHINE.next(before, event, NOW);
                assertThat(transition.effects()).as(name(state) + " + late " + name(event)).isEmpty();
                assertThat(transition.next()).as(name(state) + " + late " + name(event)).isEqualTo(before);
            }
        }
    }

    @Test
    void givenTheStartRequest_thenTheFirstLaunchCycleBeginsNow() {
        Run started = MACHINE.next(MACHINE.initial(T0), new RunEvent.StartRequested(), NOW).next();

        assertThat(started.cycle()).isEqualTo(1);
        assertThat(started.cycleStartedAt()).isEqualTo(NOW);
    }

    @Test
    void givenARestart_thenANewLaunchCycleBeginsNowWithItsOwnRetryCount() {
        Transition restart = MACHINE.next(runIn(new RunState.RestartBackoff()), new RunEvent.RestartDue(), NOW);

        assertThat(restart.next().cycle()).isEqualTo(2);
        assertThat(restart.next().cycleStartedAt()).isEqualTo(NOW);
        assertThat(restart.next().nextLaunch()).isEqualTo(3);
    }

    @Test
    void givenTheStablePeriodIsOver_thenTheNextRestartWaitsTheInitialDelayAgain() {
        Run afterTwoRestarts = runIn(new RunState.Connected(WATCH));
        RestartHistory history = afterTwoRestarts.restarts().restartAt(T0).history().restartAt(T0).history();
        Run before = afterTwoRestarts.withRestarts(history);

        Run after = MACHINE.next(before, new RunEvent.StablePeriodOver(1), NOW).next();

        assertThat(before.restarts().sinceStable()).isEqualTo(2);
        assertThat(after.restarts().sinceStable()).isZero();
    }

    // ---- the cases ----

    /** One rule's expected outcome; {@code command} is the run's, {@link #COMMAND} unless a case needs another. */
    record Case(String name, RunState state, RunEvent event, RunState next, List<Effect> effects,
                StartBackendCommand command) {
        Case(String name, RunState state, RunEvent event, RunState next, List<Effect> effects) {
            this(name, state, event, next, effects, COMMAND);
        }

        Case under(StartBackendCommand other) {
            return new Case(name, state, event, next, effects, other);
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        startup(cases);
        waiting(cases);
        supervision(cases);
        stopping(cases);
        return cases;
    }

    @Test
    void givenAReadyLineAndNoProbes_whenLaunched_thenNoProbeIsSent_andTheMatchingLineConnects() {
        RunMachine machine = machineWith(Readiness.lineOnly(Pattern.compile("Uvicorn running on")));

        Transition launched = machine.next(runIn(machine, new RunState.Launching(1, 1)),
                new RunEvent.Launched(1, PID, PYTHON), NOW);
        Transition otherLine = machine.next(launched.next(), new RunEvent.OutputLine(1, "INFO: Started"), NOW);
        Transition readyLine = machine.next(launched.next(),
                new RunEvent.OutputLine(1, "INFO: Uvicorn running on http://127.0.0.1:8000"), NOW);

        assertThat(launched.effects()).noneMatch(effect -> effect instanceof Effect.Deliver
                || effect instanceof Effect.Probe).contains(new Effect.WatchOutput(1, true));
        assertThat(otherLine.effects()).isEmpty();
        assertThat(otherLine.next()).isEqualTo(launched.next());
        assertThat(readyLine.next().state()).isInstanceOf(RunState.Connected.class);
        assertThat(readyLine.effects()).noneMatch(effect -> effect instanceof Effect.Probe)
                .contains(new Effect.WatchOutput(1, false), cancel(Timer.ATTEMPT_DEADLINE))
                .as("a backend without health probes is watched by its process, not by liveness probes")
                .noneMatch(effect -> effect instanceof Effect.Schedule schedule && schedule.timer() == Timer.LIVENESS);
        assertThat(readyLine.effects()).anyMatch(effect -> effect instanceof Effect.Publish publish
                && publish.event() instanceof StatusEvent.Connected);
    }

    @Test
    void givenAReadyLineWithProbes_thenOnlyTheMatchingLineProbesAtOnce_evenAfterAnAnswer() {
        RunMachine machine = machineWith(Readiness.probedAfter(Pattern.compile("running on")));
        Attempt answered = ATTEMPT.answeredWith(verdict(refused()));

        Transition otherLine = machine.next(runIn(machine, new RunState.WaitingForHealth(ATTEMPT)),
                new RunEvent.OutputLine(1, "INFO: Waiting for application startup."), NOW);
        Transition readyLine = machine.next(runIn(machine, new RunState.WaitingForHealth(answered)),
                new RunEvent.OutputLine(1, "INFO: Uvicorn running on http://127.0.0.1:8000"), NOW);
        Transition refusedAnswer = machine.next(runIn(machine, new RunState.WaitingForHealth(ATTEMPT.probing(true))),
                new RunEvent.StartupProbed(1, databaseDegraded()), NOW);

        assertThat(otherLine.effects()).isEmpty();
        assertThat(readyLine.effects()).containsExactly(cancel(Timer.NEXT_PROBE),
                new Effect.Probe(ProbePurpose.STARTUP, 1));
        assertThat(refusedAnswer.effects()).as("the ready line is still awaited after an answer")
                .doesNotContain(new Effect.WatchOutput(1, false));
    }

    @Test
    void givenNoProbes_whenSomethingAlreadyListens_thenItIsNotAttachedTo_butThePortIsInUse() {
        RunMachine machine = machineWith(Readiness.lineOnly(Pattern.compile("ready")));

        Transition existing = machine.next(runIn(machine, new RunState.CheckingExisting()),
                new RunEvent.ExistingProbed(healthy()), NOW);

        assertThat(existing.next().state()).isInstanceOf(RunState.LookingUpPortHolder.class);
        assertThat(((RunState.LookingUpPortHolder) existing.next().state()).cause()).isEqualTo(new PortInUse(ENDPOINT,
                "something already listens there, and a backend without health probes cannot be told apart from it"));
    }

    @Test
    void givenNoProbes_whenTheDeadlinePasses_thenTheCauseIsTheReadyLineNotSeen() {
        RunMachine machine = machineWith(Readiness.lineOnly(Pattern.compile("Listening on")));

        Transition stopped = machine.next(runIn(machine, new RunState.EndingAttempt(ATTEMPT,
                new AttemptEnd.DeadlinePassed())), new RunEvent.TreeStopped(1, OUTPUT), NOW);

        assertThat(stopped.next().state()).isEqualTo(new RunState.DecidingRetry(1,
                new ReadyLineNotSeen(STARTUP_TIMEOUT, "Listening on"), OUTPUT));
    }

    private static RunMachine machineWith(Readiness readiness) {
        StartBackendCommand command = COMMAND.withBackend(COMMAND.backend().withReadiness(readiness));
        return new RunMachine(command, ID, new PythonLikeProfile());
    }

    private static Run runIn(RunMachine machine, RunState state) {
        return machine.initial(T0).newCycle(T0).launchTaken().in(state);
    }

    private static void startup(List<Case> cases) {
        cases.add(new Case("start: check for a running backend", new RunState.Idle(), new RunEvent.StartRequested(),
                new RunState.CheckingExisting(), List.of(enter(new StartupState.CheckingExisting()),
                new Effect.Probe(ProbePurpose.EXISTING, 0))));
        cases.add(new Case("launched ahead: the head start is attempt 1", new RunState.Idle(),
                new RunEvent.StartRequested(true), new RunState.Launching(1, 2),
                List.of(enter(new StartupState.Launching(1)), new Effect.Launch(2, REQUEST))));
        cases.add(new Case("nothing listens: launch attempt 1", new RunState.CheckingExisting(),
                new RunEvent.ExistingProbed(refused()), new RunState.Launching(1, 2),
                List.of(enter(new StartupState.Launching(1)), new Effect.Launch(2, REQUEST))));
        StatusEvent.Connected attached = new StatusEvent.Connected(ID, NOW, ENDPOINT, OptionalLong.of(4242), 0,
                ELAPSED, true);
        cases.add(new Case("a healthy backend runs: attach", new RunState.CheckingExisting(),
                new RunEvent.ExistingProbed(aHealthyReport().withPid(4242).build()),
                new RunState.Attached(OptionalLong.of(4242), Optional.empty()),
                List.of(enter(new StartupState.Connected(0, OptionalLong.of(4242), true)), publish(attached),
                        new Effect.SettleStarted(attached), watchAttached())));
        StartBackendCommand verified = COMMAND.withAttach(AttachPolicy.VERIFIED);
        cases.add(new Case("attach verified: check who serves the port", new RunState.CheckingExisting(),
                new RunEvent.ExistingProbed(aHealthyReport().withPid(4242).build()), new RunState.VerifyingOwner(
                verdict(aHealthyReport().withPid(4242).build())), List.of(new Effect.VerifyOwner(
                aHealthyReport().withPid(4242).build()), new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT,
                new RunEvent.ProofDeadline(RunState.Attached.WATCH)))).under(verified));
        PortInUse never = new PortInUse(ENDPOINT, "a backend already answers there (healthy), and attach is never");
        cases.add(new Case("attach never: the port is taken", new RunState.CheckingExisting(),
                new RunEvent.ExistingProbed(healthy()), new RunState.LookingUpPortHolder(never, 0, List.of(), false),
                List.of(new Effect.LookUpPortHolder())).under(COMMAND.withAttach(AttachPolicy.NEVER)));
        Ownership.Proven byHand = new Ownership.Proven(Ownership.Proof.STARTED_BY_HAND, "pid 4242 (python main.py)");
        StatusEvent.Connected proven = new StatusEvent.Connected(ID, NOW, ENDPOINT, OptionalLong.of(4242), 0,
                ELAPSED, true, Optional.of(byHand));
        cases.add(new Case("proven ours: attach, naming the proof", new RunState.VerifyingOwner(
                verdict(aHealthyReport().withPid(4242).build())), new RunEvent.OwnerVerified(byHand),
                new RunState.Attached(OptionalLong.of(4242), Optional.of(byHand)), List.of(
                cancel(Timer.PROOF_DEADLINE), enter(new StartupState.Connected(0, OptionalLong.of(4242), true)),
                publish(proven), new Effect.SettleStarted(proven), watchAttached())).under(verified));
        StatusEvent.Connected provenByProcess = new StatusEvent.Connected(ID, NOW, ENDPOINT, OptionalLong.of(4242), 0,
                ELAPSED, true, Optional.of(BY_ITS_PROCESS));
        cases.add(new Case("proven ours by its process: attach, and watch that process exit",
                new RunState.VerifyingOwner(verdict(aHealthyReport().withPid(4242).build())),
                new RunEvent.OwnerVerified(BY_ITS_PROCESS), ATTACHED, List.of(cancel(Timer.PROOF_DEADLINE),
                enter(new StartupState.Connected(0, OptionalLong.of(4242), true)), publish(provenByProcess),
                new Effect.SettleStarted(provenByProcess), watchAttached(),
                new Effect.WatchProcess(Optional.of(LISTENER)))).under(verified));
        PortInUse notInTime = new PortInUse(ENDPOINT, "a ready backend answers there, but whether it is ours could"
                + " not be proven within " + Durations.format(PROOF_TIMEOUT), Optional.empty(), true);
        cases.add(new Case("no proof in time: fail as not proven, naming the holder", new RunState.VerifyingOwner(
                verdict(healthy())), new RunEvent.ProofDeadline(RunState.Attached.WATCH),
                new RunState.LookingUpPortHolder(notInTime, 0, List.of(), false),
                List.of(new Effect.LookUpPortHolder())).under(verified));
        PortHolder squatter = new PortHolder(777, Optional.of("python3 -m http.server"));
        PortInUse refusedCause = new PortInUse(ENDPOINT, "a backend that is not proven ours answers there: no",
                Optional.of(squatter), true);
        cases.add(new Case("not proven ours: fail with the holder the check found", new RunState.VerifyingOwner(
                verdict(healthy())), new RunEvent.OwnerVerified(new Ownership.Refused("no", Optional.of(squatter),
                false)), new RunState.Failed(), prepend(cancel(Timer.PROOF_DEADLINE), failed(refusedCause, 0,
                List.of()))).under(verified));
        cases.add(new Case("something else answers: find who holds the port", new RunState.CheckingExisting(),
                new RunEvent.ExistingProbed(notJson()), new RunState.LookingUpPortHolder(new PortInUse(
                ENDPOINT, "something answers there that is not a healthy backend: " + verdict(notJson()).describe()),
                0, List.of(), false), List.of(new Effect.LookUpPortHolder())));
        cases.add(new Case("launched: wait for health, first probe after what already happened",
                new RunState.Launching(1, 1), new RunEvent.Launched(1, PID, PYTHON),
                new RunState.WaitingForHealth(ATTEMPT), List.of(enter(new StartupState.WaitingForHealth(1, PID)),
                publish(new StatusEvent.Launching(ID, NOW, ENDPOINT, 1, 3, PID)),
                new Effect.Schedule(Timer.ATTEMPT_DEADLINE, STARTUP_TIMEOUT, new RunEvent.AttemptDeadline(1)),
                new Effect.WatchOutput(1, true), new Effect.Deliver(new RunEvent.ProbeDue(1)))));
        cases.add(new Case("not launched, permanent: fail", new RunState.Launching(1, 1),
                new RunEvent.NotLaunched(1, NOT_STARTED), new RunState.Failed(), failed(NOT_STARTED, 1, List.of())));
        cases.add(new Case("not launched, retryable: ask the retry port", new RunState.Launching(1, 1),
                new RunEvent.NotLaunched(1, CRASH), new RunState.DecidingRetry(1, CRASH, List.of()),
                List.of(new Effect.DecideRetry(1, 1, CRASH))));
        cases.add(new Case("the failed attempt's tree is gone: classify, ask the retry port",
                new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.Exited(3)), new RunEvent.TreeStopped(1, OUTPUT),
                new RunState.DecidingRetry(1, CRASH, OUTPUT), List.of(new Effect.DecideRetry(1, 1, CRASH))));
        cases.add(new Case("retry: wait, then the next attempt", new RunState.DecidingRetry(1, CRASH, OUTPUT),
                new RunEvent.RetryDecided(1, Optional.of(RETRY_DELAY)), new RunState.RetryBackoff(2),
                List.of(enter(new StartupState.RetryBackoff(2, RETRY_DELAY)),
                        publish(new StatusEvent.Retrying(ID, NOW, 2, 3, RETRY_DELAY, CRASH)),
                        new Effect.Schedule(Timer.BACKOFF, RETRY_DELAY, new RunEvent.BackoffOver()))));
        cases.add(new Case("no more retries: fail with the last cause", new RunState.DecidingRetry(3, CRASH, OUTPUT),
                new RunEvent.RetryDecided(3, Optional.empty()), new RunState.Failed(), failed(CRASH, 3, OUTPUT)));
        cases.add(new Case("backoff over: launch the next attempt", new RunState.RetryBackoff(2),
                new RunEvent.BackoffOver(), new RunState.Launching(2, 2),
                List.of(enter(new StartupState.Launching(2)), new Effect.Launch(2, REQUEST))));
    }

    private static void waiting(List<Case> cases) {
        Attempt probing = ATTEMPT.probing(true);
        StatusEvent.Connected connected = new StatusEvent.Connected(ID, NOW, ENDPOINT, OptionalLong.of(PID), 1,
                ELAPSED, false);
        Attempt answeredHealthy = ATTEMPT.answeredWith(verdict(healthy()));
        cases.add(new Case("healthy: prove the answer is the launched backend's", new RunState.WaitingForHealth(probing),
                new RunEvent.StartupProbed(1, healthy()), new RunState.ProvingLaunch(answeredHealthy,
                verdict(healthy())), List.of(cancel(Timer.NEXT_PROBE),
                new Effect.ProveLaunch(1, PID, verdict(healthy()).readyReport().orElseThrow()),
                new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT, new RunEvent.ProofDeadline(1)))));
        StatusEvent.Connected connectedProven = new StatusEvent.Connected(ID, NOW, ENDPOINT, OptionalLong.of(PID), 1,
                ELAPSED, false, Optional.of(LAUNCHED));
        cases.add(new Case("proven the launched backend: connected, naming the proof, watch it",
                new RunState.ProvingLaunch(answeredHealthy, verdict(healthy())), new RunEvent.LaunchProven(1, LAUNCHED),
                new RunState.Connected(WATCH), List.of(cancel(Timer.PROOF_DEADLINE),
                cancel(Timer.ATTEMPT_DEADLINE), cancel(Timer.NEXT_PROBE), new Effect.WatchOutput(1, false),
                enter(new StartupState.Connected(1, OptionalLong.of(PID), false)), publish(connectedProven),
                new Effect.SettleStarted(connectedProven),
                new Effect.Schedule(Timer.STABLE_PERIOD, Duration.ofSeconds(30), new RunEvent.StablePeriodOver(1)),
                new Effect.Schedule(Timer.LIVENESS, Duration.ofSeconds(5), new RunEvent.LivenessDue(1)))));
        PortHolder squatter = new PortHolder(777, Optional.of("python3 squat.py"));
        PortInUse squatted = new PortInUse(ENDPOINT, "another process answers in place of the backend Lifeline"
                + " launched: pid 777 listens", Optional.of(squatter));
        cases.add(new Case("a squatter answers for it: end the attempt as port in use, naming the squatter",
                new RunState.ProvingLaunch(answeredHealthy, verdict(healthy())), new RunEvent.LaunchProven(1,
                new Ownership.Refused("pid 777 listens", Optional.of(squatter), false)),
                new RunState.EndingAttempt(answeredHealthy, new AttemptEnd.Failed(squatted)), endAttempt()));
        cases.add(new Case("attach healthy is about backends found running: the launch is proven all the same",
                new RunState.WaitingForHealth(probing), new RunEvent.StartupProbed(1, healthy()),
                new RunState.ProvingLaunch(answeredHealthy, verdict(healthy())), List.of(cancel(Timer.NEXT_PROBE),
                new Effect.ProveLaunch(1, PID, verdict(healthy()).readyReport().orElseThrow()),
                new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT, new RunEvent.ProofDeadline(1))))
                .under(COMMAND.withAttach(AttachPolicy.HEALTHY)));
        cases.add(new Case("a squatter under attach healthy: refused too", new RunState.ProvingLaunch(answeredHealthy,
                verdict(healthy())), new RunEvent.LaunchProven(1, new Ownership.Refused("pid 777 listens",
                Optional.of(squatter), false)), new RunState.EndingAttempt(answeredHealthy,
                new AttemptEnd.Failed(squatted)), endAttempt()).under(COMMAND.withAttach(AttachPolicy.HEALTHY)));
        OwnershipNotProven notInTime = new OwnershipNotProven(ENDPOINT, "nothing proved it within "
                + Durations.format(PROOF_TIMEOUT) + " (pid 1001 was launched)");
        cases.add(new Case("no proof in time: end the attempt as not proven (retryable)",
                new RunState.ProvingLaunch(answeredHealthy, verdict(healthy())), new RunEvent.ProofDeadline(1),
                new RunState.EndingAttempt(answeredHealthy, new AttemptEnd.Failed(notInTime)), endAttempt()));
        cases.add(new Case("nothing listens any more: end the attempt as not proven (retryable)",
                new RunState.ProvingLaunch(answeredHealthy, verdict(healthy())), new RunEvent.LaunchProven(1,
                new Ownership.Unproven("nothing listens")), new RunState.EndingAttempt(answeredHealthy,
                new AttemptEnd.Failed(new OwnershipNotProven(ENDPOINT, "nothing listens"))), endAttempt()));
        cases.add(new Case("exited while proving: stop its tree first",
                new RunState.ProvingLaunch(ATTEMPT, verdict(healthy())), new RunEvent.ProcessExited(1, 3, OUTPUT),
                new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.Exited(3)), endAttempt()));
        cases.add(new Case("startup deadline while proving: not proven, not a health timeout",
                new RunState.ProvingLaunch(ATTEMPT, verdict(healthy())), new RunEvent.AttemptDeadline(1),
                new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.Failed(new OwnershipNotProven(ENDPOINT,
                "the startup timeout passed while it was being proven"))), endAttempt()));
        cases.add(new Case("refused: probe again after the interval", new RunState.WaitingForHealth(probing),
                new RunEvent.StartupProbed(1, refused()),
                new RunState.WaitingForHealth(ATTEMPT.answeredWith(verdict(refused()))), List.of(nextProbe())));
        cases.add(new Case("refused while output asked for a probe: probe again at once",
                new RunState.WaitingForHealth(probing.probeAgain(true)), new RunEvent.StartupProbed(1, refused()),
                new RunState.WaitingForHealth(ATTEMPT.answeredWith(verdict(refused())).probing(true)),
                List.of(cancel(Timer.NEXT_PROBE), new Effect.Probe(ProbePurpose.STARTUP, 1))));
        cases.add(new Case("degraded, not accepted: say so once, stop probing on output",
                new RunState.WaitingForHealth(probing), new RunEvent.StartupProbed(1, databaseDegraded()),
                new RunState.WaitingForHealth(ATTEMPT.answeredWith(verdict(databaseDegraded()))
                        .withDegradedPublished()),
                List.of(publish(new StatusEvent.Degraded(ID, NOW, Map.of("database", "degraded"))),
                        new Effect.WatchOutput(1, false), nextProbe())));
        cases.add(new Case("probe due: probe", new RunState.WaitingForHealth(ATTEMPT), new RunEvent.ProbeDue(1),
                new RunState.WaitingForHealth(probing),
                List.of(cancel(Timer.NEXT_PROBE), new Effect.Probe(ProbePurpose.STARTUP, 1))));
        cases.add(new Case("probe due while one is in flight: one more when it answers",
                new RunState.WaitingForHealth(probing), new RunEvent.ProbeDue(1),
                new RunState.WaitingForHealth(probing.probeAgain(true)), List.of()));
        cases.add(new Case("output before the first answer: probe at once", new RunState.WaitingForHealth(ATTEMPT),
                new RunEvent.OutputLine(1, "Uvicorn running"), new RunState.WaitingForHealth(probing),
                List.of(cancel(Timer.NEXT_PROBE), new Effect.Probe(ProbePurpose.STARTUP, 1))));
        Attempt answered = ATTEMPT.answeredWith(verdict(databaseDegraded()));
        cases.add(new Case("output after an answer: nothing (no access-log feedback)",
                new RunState.WaitingForHealth(answered), new RunEvent.OutputLine(1, "GET /health 200"),
                new RunState.WaitingForHealth(answered), List.of()));
        List<Effect> endAttempt = endAttempt();
        cases.add(new Case("exited while waiting: stop its tree first", new RunState.WaitingForHealth(ATTEMPT),
                new RunEvent.ProcessExited(1, 3, OUTPUT), new RunState.EndingAttempt(ATTEMPT,
                new AttemptEnd.Exited(3)), endAttempt));
        cases.add(new Case("deadline: stop its tree first", new RunState.WaitingForHealth(ATTEMPT),
                new RunEvent.AttemptDeadline(1), new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.DeadlinePassed()),
                endAttempt));
    }

    private static void supervision(List<Case> cases) {
        cases.add(new Case("liveness due: probe", new RunState.Connected(WATCH), new RunEvent.LivenessDue(1),
                new RunState.Connected(WATCH), List.of(new Effect.Probe(ProbePurpose.LIVENESS, 1))));
        cases.add(new Case("liveness healthy: next probe after the interval", new RunState.Connected(WATCH),
                new RunEvent.LivenessProbed(1, healthy()), new RunState.Connected(WATCH), List.of(nextLiveness())));
        cases.add(new Case("liveness degraded: say so, keep watching", new RunState.Connected(WATCH),
                new RunEvent.LivenessProbed(1, databaseDegraded()),
                new RunState.Connected(WATCH.healthyAgain(verdict(databaseDegraded()))),
                List.of(publish(new StatusEvent.Degraded(ID, NOW, Map.of("database", "degraded"))), nextLiveness())));
        Supervision twoFailures = WATCH.failedOnce().failedOnce();
        LivenessFailed livenessFailed = new LivenessFailed(3, Duration.ofSeconds(5),
                verdict(refused()));
        cases.add(new Case("third liveness failure: unhealthy, stop it", new RunState.Connected(twoFailures),
                new RunEvent.LivenessProbed(1, refused()),
                new RunState.Connected(twoFailures.failedOnce().goingDown(livenessFailed)), List.of(
                cancel(Timer.STABLE_PERIOD), publish(new StatusEvent.Unhealthy(ID, NOW, livenessFailed.summary())),
                new Effect.StopTree(1))));
        int watch = RunState.Attached.WATCH;
        RunState.Attached onTrust = new RunState.Attached(OptionalLong.empty(), Optional.empty());
        HealthReport as4242 = aHealthyReport().withPid(ATTACHED_PID).build();
        HealthReport as5555 = aHealthyReport().withPid(5555).build();
        cases.add(new Case("attached, liveness due: probe it", ATTACHED, new RunEvent.LivenessDue(watch),
                ATTACHED, List.of(new Effect.Probe(ProbePurpose.LIVENESS, watch))));
        cases.add(new Case("attached, liveness due while proving it again: no probe", ATTACHED.reproving(
                OptionalLong.of(5555)), new RunEvent.LivenessDue(watch), ATTACHED.reproving(OptionalLong.of(5555)),
                List.of()));
        cases.add(new Case("attached on trust and healthy after a failure: next probe after the interval",
                onTrust.failedOnce(), new RunEvent.LivenessProbed(watch, healthy()), onTrust,
                List.of(watchAttached())));
        cases.add(new Case("attached, proven, the same pid answers: next probe after the interval", ATTACHED,
                new RunEvent.LivenessProbed(watch, as4242), ATTACHED, List.of(watchAttached())));
        List<Effect> proveAgain5555 = List.of(new Effect.VerifyOwner(as5555), new Effect.Schedule(
                Timer.PROOF_DEADLINE, PROOF_TIMEOUT, new RunEvent.ProofDeadline(watch)));
        cases.add(new Case("attached, proven, another pid answers: prove it again before it counts", ATTACHED,
                new RunEvent.LivenessProbed(watch, as5555), ATTACHED.reproving(OptionalLong.of(5555)),
                proveAgain5555));
        RunState.Attached unwatched = new RunState.Attached(OptionalLong.of(ATTACHED_PID), Optional.of(
                new Ownership.Proven(Ownership.Proof.CHALLENGE_ANSWERED, "the recorded secret of pid 4242")));
        cases.add(new Case("attached, proven but no process to watch: every healthy answer is proven again",
                unwatched, new RunEvent.LivenessProbed(watch, as4242), unwatched.reproving(OptionalLong.of(
                ATTACHED_PID)), List.of(new Effect.VerifyOwner(as4242), new Effect.Schedule(Timer.PROOF_DEADLINE,
                PROOF_TIMEOUT, new RunEvent.ProofDeadline(watch)))));
        cases.add(new Case("attached, proven again without a process to watch: stop watching the old one",
                ATTACHED.reproving(OptionalLong.of(5555)), new RunEvent.OwnerVerified(unwatched.proof().orElseThrow()),
                new RunState.Attached(OptionalLong.of(5555), unwatched.proof()), List.of(cancel(Timer.PROOF_DEADLINE),
                new Effect.WatchProcess(Optional.empty()), watchAttached())));
        cases.add(new Case("attached, proven, healthy after a failed check: prove it again before it counts",
                ATTACHED.failedOnce(), new RunEvent.LivenessProbed(watch, as4242),
                ATTACHED.failedOnce().reproving(OptionalLong.of(ATTACHED_PID)), List.of(new Effect.VerifyOwner(
                as4242), new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT,
                new RunEvent.ProofDeadline(watch)))));
        cases.add(new Case("attached, a failure below the threshold: count it", onTrust.failedOnce(),
                new RunEvent.LivenessProbed(watch, refused()), onTrust.failedOnce().failedOnce(),
                List.of(watchAttached())));
        LivenessFailed attachedFailed = new LivenessFailed(3, Duration.ofSeconds(5), verdict(refused()));
        StatusEvent.Disconnected attachedDown = new StatusEvent.Disconnected(ID, NOW, OptionalLong.empty(),
                OptionalInt.empty(), List.of());
        cases.add(new Case("attached, down at the threshold: disconnected, then launch our own after the backoff",
                onTrust.failedOnce().failedOnce(), new RunEvent.LivenessProbed(watch, refused()),
                new RunState.RestartBackoff(),
                List.of(publish(new StatusEvent.Unhealthy(ID, NOW, attachedFailed.summary())),
                        new Effect.WatchProcess(Optional.empty()),
                        enter(new StartupState.Disconnected(OptionalLong.empty())), publish(attachedDown),
                        enter(new StartupState.RestartBackoff(1, RETRY_DELAY)),
                        publish(new StatusEvent.Retrying(ID, NOW, 1, 3, RETRY_DELAY, attachedFailed, 1)),
                        new Effect.Schedule(Timer.RESTART, RETRY_DELAY, new RunEvent.RestartDue()))));
        ProcessFacts newListener = new ProcessFacts(5555, Optional.of(Instant.parse("2026-01-01T09:30:00Z")),
                List.of("python", "main.py"), Optional.empty(), List.of(1L));
        Ownership.Proven reproven = new Ownership.Proven(Ownership.Proof.LAUNCHED_BY_LIFELINE, "pid 5555",
                Optional.of(newListener));
        cases.add(new Case("attached, proven again: counts as healthy, watch its process now",
                ATTACHED.reproving(OptionalLong.of(5555)), new RunEvent.OwnerVerified(reproven),
                new RunState.Attached(OptionalLong.of(5555), Optional.of(reproven)), List.of(
                cancel(Timer.PROOF_DEADLINE), new Effect.WatchProcess(Optional.of(newListener)), watchAttached())));
        PortHolder impostor = new PortHolder(5555, Optional.of("python3 squat.py"));
        PortInUse replaced = new PortInUse(ENDPOINT, "the backend attached to is not proven ours any more: pid 5555"
                + " is not it", Optional.of(impostor), true);
        cases.add(new Case("attached, not proven again: down, another process holds its port",
                ATTACHED.reproving(OptionalLong.of(5555)), new RunEvent.OwnerVerified(new Ownership.Refused(
                "pid 5555 is not it", Optional.of(impostor), false)), new RunState.RestartBackoff(),
                prepend(cancel(Timer.PROOF_DEADLINE), attachedDownFor(replaced, OptionalLong.empty()))));
        PortInUse notAgainInTime = new PortInUse(ENDPOINT, "the backend attached to is not proven ours any more: its"
                + " proof could not be checked again within " + Durations.format(PROOF_TIMEOUT), Optional.empty(),
                true);
        cases.add(new Case("attached, no proof again in time: down", ATTACHED.reproving(OptionalLong.of(5555)),
                new RunEvent.ProofDeadline(watch), new RunState.RestartBackoff(),
                attachedDownFor(notAgainInTime, OptionalLong.empty())));
        BackendExited gone = new BackendExited(OptionalInt.empty(), List.of());
        StatusEvent.Disconnected exitedDown = new StatusEvent.Disconnected(ID, NOW, OptionalLong.of(ATTACHED_PID),
                OptionalInt.empty(), List.of());
        cases.add(new Case("attached, its proven process exited: down at once, launch our own after the backoff",
                ATTACHED, new RunEvent.WatchedProcessExited(ATTACHED_PID), new RunState.RestartBackoff(), List.of(
                cancel(Timer.LIVENESS), cancel(Timer.PROOF_DEADLINE), new Effect.WatchProcess(Optional.empty()),
                enter(new StartupState.Disconnected(OptionalLong.empty())), publish(exitedDown),
                enter(new StartupState.RestartBackoff(1, RETRY_DELAY)),
                publish(new StatusEvent.Retrying(ID, NOW, 1, 3, RETRY_DELAY, gone, 1)),
                new Effect.Schedule(Timer.RESTART, RETRY_DELAY, new RunEvent.RestartDue()))));
        HealthReport anotherPid = aHealthyReport().withPid(7777).build();
        Supervision provingAnother = WATCH.provingAgain(verdict(anotherPid));
        cases.add(new Case("connected, another pid answers: prove the launch again before it counts",
                new RunState.Connected(WATCH), new RunEvent.LivenessProbed(1, anotherPid),
                new RunState.Connected(provingAnother), List.of(new Effect.ProveLaunch(1, PID, anotherPid),
                new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT, new RunEvent.ProofDeadline(1)))));
        cases.add(new Case("connected, healthy after a failed check: prove the launch again",
                new RunState.Connected(WATCH.failedOnce()), new RunEvent.LivenessProbed(1, healthy()),
                new RunState.Connected(WATCH.failedOnce().provingAgain(verdict(healthy()))), List.of(
                new Effect.ProveLaunch(1, PID, verdict(healthy()).readyReport().orElseThrow()),
                new Effect.Schedule(Timer.PROOF_DEADLINE, PROOF_TIMEOUT, new RunEvent.ProofDeadline(1)))));
        cases.add(new Case("connected, liveness due while proving again: no probe", new RunState.Connected(
                provingAnother), new RunEvent.LivenessDue(1), new RunState.Connected(provingAnother), List.of()));
        cases.add(new Case("connected, proven again: the answer counts, next probe after the interval",
                new RunState.Connected(provingAnother), new RunEvent.LaunchProven(1, LAUNCHED),
                new RunState.Connected(WATCH.healthyAgain(verdict(anotherPid))), List.of(
                cancel(Timer.PROOF_DEADLINE), nextLiveness())));
        PortHolder taker = new PortHolder(7777, Optional.of("python3 squat.py"));
        PortInUse tookThePort = new PortInUse(ENDPOINT, "another process answers in place of the backend Lifeline"
                + " launched: pid 7777 listens", Optional.of(taker));
        cases.add(new Case("connected, another process answers for it: unhealthy, stop it",
                new RunState.Connected(provingAnother), new RunEvent.LaunchProven(1, new Ownership.Refused(
                "pid 7777 listens", Optional.of(taker), false)), new RunState.Connected(provingAnother
                .goingDown(tookThePort)), List.of(cancel(Timer.PROOF_DEADLINE), cancel(Timer.STABLE_PERIOD),
                publish(new StatusEvent.Unhealthy(ID, NOW, tookThePort.summary())), new Effect.StopTree(1))));
        OwnershipNotProven notAgain = new OwnershipNotProven(ENDPOINT, "it was not proven again within "
                + Durations.format(PROOF_TIMEOUT));
        cases.add(new Case("connected, not proven again in time: unhealthy, stop it",
                new RunState.Connected(provingAnother), new RunEvent.ProofDeadline(1),
                new RunState.Connected(provingAnother.goingDown(notAgain)), List.of(cancel(Timer.STABLE_PERIOD),
                publish(new StatusEvent.Unhealthy(ID, NOW, notAgain.summary())), new Effect.StopTree(1))));
        cases.add(new Case("stable period over: backoff starts over", new RunState.Connected(WATCH),
                new RunEvent.StablePeriodOver(1), new RunState.Connected(WATCH), List.of()));
        StatusEvent.Disconnected crashed = new StatusEvent.Disconnected(ID, NOW, OptionalLong.of(PID),
                OptionalInt.of(3), OUTPUT);
        cases.add(new Case("down with code 3: restart after the backoff", new RunState.Connected(WATCH),
                new RunEvent.ProcessExited(1, 3, OUTPUT), new RunState.RestartBackoff(), List.of(
                cancel(Timer.LIVENESS), cancel(Timer.STABLE_PERIOD), cancel(Timer.PROOF_DEADLINE),
                enter(new StartupState.Disconnected(OptionalLong.of(3))), publish(crashed),
                enter(new StartupState.RestartBackoff(1, RETRY_DELAY)),
                publish(new StatusEvent.Retrying(ID, NOW, 1, 3, RETRY_DELAY,
                        new BackendExited(OptionalInt.of(3), OUTPUT), 1)),
                new Effect.Schedule(Timer.RESTART, RETRY_DELAY, new RunEvent.RestartDue()))));
        StatusEvent.Disconnected clean = new StatusEvent.Disconnected(ID, NOW, OptionalLong.of(PID),
                OptionalInt.of(0), OUTPUT);
        cases.add(new Case("clean exit under on-failure: the run ends disconnected", new RunState.Connected(WATCH),
                new RunEvent.ProcessExited(1, 0, OUTPUT), new RunState.Down(), List.of(
                cancel(Timer.LIVENESS), cancel(Timer.STABLE_PERIOD), cancel(Timer.PROOF_DEADLINE),
                enter(new StartupState.Disconnected(OptionalLong.of(0))), publish(clean),
                new Effect.SettleDisconnected(clean), new Effect.SettleFinished(clean))));
        cases.add(new Case("restart due: attempt 1 of a new cycle", new RunState.RestartBackoff(),
                new RunEvent.RestartDue(), new RunState.Launching(1, 2),
                List.of(enter(new StartupState.Launching(1)), new Effect.Launch(2, REQUEST))));
    }

    private static void stopping(List<Case> cases) {
        String nothingLaunched = "stopped before a backend was launched";
        cases.add(new Case("stop before anything: stopped", new RunState.Idle(), new RunEvent.StopRequested(),
                new RunState.Stopped(), stopped(nothingLaunched)));
        cases.add(new Case("stop while checking: stopped", new RunState.CheckingExisting(),
                new RunEvent.StopRequested(), new RunState.Stopped(), stopped(nothingLaunched)));
        cases.add(new Case("stop while checking who serves the port: stopped", new RunState.VerifyingOwner(
                verdict(healthy())), new RunEvent.StopRequested(), new RunState.Stopped(),
                prepend(cancel(Timer.PROOF_DEADLINE), stopped(nothingLaunched))));
        cases.add(new Case("stop while launching: wait for the launch", new RunState.Launching(1, 1),
                new RunEvent.StopRequested(), new RunState.Stopping(1, true),
                List.of(enter(new StartupState.Stopping()))));
        List<Effect> stopAttempt = List.of(cancel(Timer.ATTEMPT_DEADLINE), cancel(Timer.NEXT_PROBE),
                cancel(Timer.PROOF_DEADLINE), new Effect.WatchOutput(1, false), enter(new StartupState.Stopping()),
                new Effect.StopTree(1));
        cases.add(new Case("stop while waiting: stop the tree", new RunState.WaitingForHealth(ATTEMPT),
                new RunEvent.StopRequested(), new RunState.Stopping(1, false), stopAttempt));
        cases.add(new Case("stop while proving the launch: stop the tree", new RunState.ProvingLaunch(ATTEMPT,
                verdict(healthy())), new RunEvent.StopRequested(), new RunState.Stopping(1, false), stopAttempt));
        cases.add(new Case("stop while an attempt's tree stops: wait for it",
                new RunState.EndingAttempt(ATTEMPT, new AttemptEnd.DeadlinePassed()), new RunEvent.StopRequested(),
                new RunState.Stopping(1, false), List.of(enter(new StartupState.Stopping()))));
        List<Effect> stoppedWhileDeciding = new ArrayList<>(List.of(enter(new StartupState.Stopping())));
        stoppedWhileDeciding.addAll(stopped("backend stopped"));
        cases.add(new Case("stop while deciding a retry: nothing runs, stopped",
                new RunState.DecidingRetry(1, CRASH, OUTPUT), new RunEvent.StopRequested(), new RunState.Stopped(),
                stoppedWhileDeciding));
        cases.add(new Case("stop during the backoff: stopped", new RunState.RetryBackoff(2),
                new RunEvent.StopRequested(), new RunState.Stopped(),
                prepend(cancel(Timer.BACKOFF), stopped(nothingLaunched))));
        cases.add(new Case("stop while connected: stop the tree", new RunState.Connected(WATCH),
                new RunEvent.StopRequested(), new RunState.Stopping(1, false), List.of(cancel(Timer.LIVENESS),
                cancel(Timer.STABLE_PERIOD), cancel(Timer.PROOF_DEADLINE), enter(new StartupState.Stopping()),
                new Effect.StopTree(1))));
        List<Effect> leftRunning = new ArrayList<>(List.of(cancel(Timer.LIVENESS), cancel(Timer.PROOF_DEADLINE),
                new Effect.WatchProcess(Optional.empty())));
        leftRunning.addAll(stopped("left running: the backend was already running and not started by this run"));
        cases.add(new Case("stop while attached: leave it running, stop watching it", ATTACHED,
                new RunEvent.StopRequested(), new RunState.Stopped(), leftRunning));
        cases.add(new Case("stop after it went down: stopped", new RunState.Down(), new RunEvent.StopRequested(),
                new RunState.Stopped(), stopped("backend had already exited")));
        cases.add(new Case("stop while waiting to restart: stopped", new RunState.RestartBackoff(),
                new RunEvent.StopRequested(), new RunState.Stopped(), prepend(cancel(Timer.RESTART),
                stopped("stopped while waiting to restart the backend"))));
        cases.add(new Case("stop while looking up the port holder: after the failure",
                new RunState.LookingUpPortHolder(PORT_IN_USE, 0, List.of(), false), new RunEvent.StopRequested(),
                new RunState.LookingUpPortHolder(PORT_IN_USE, 0, List.of(), true), List.of()));
        PortHolder holder = new PortHolder(777, Optional.of("python3 -m http.server"));
        List<Effect> failedWithHolder = new ArrayList<>(failed(PORT_IN_USE.withHolder(Optional.of(holder)), 0,
                List.of()));
        failedWithHolder.add(new Effect.SettleStopped());
        cases.add(new Case("port holder found: fail naming it (and finish a stop asked meanwhile)",
                new RunState.LookingUpPortHolder(PORT_IN_USE, 0, List.of(), true),
                new RunEvent.PortHolderFound(Optional.of(holder)), new RunState.Failed(), failedWithHolder));
        cases.add(new Case("launched while stopping: stop it", new RunState.Stopping(1, true),
                new RunEvent.Launched(1, PID, PYTHON), new RunState.Stopping(1, false),
                List.of(new Effect.StopTree(1))));
        cases.add(new Case("not launched while stopping: stopped", new RunState.Stopping(1, true),
                new RunEvent.NotLaunched(1, NOT_STARTED), new RunState.Stopped(), stopped("backend stopped")));
        cases.add(new Case("tree stopped: stopped", new RunState.Stopping(1, false),
                new RunEvent.TreeStopped(1, OUTPUT), new RunState.Stopped(), stopped("backend stopped")));
        cases.add(new Case("kill while stopping: kill the tree", new RunState.Stopping(1, false),
                new RunEvent.KillRequested(), new RunState.Stopping(1, false), List.of(new Effect.KillTree(1))));
        cases.add(new Case("kill while the launch is pending: remember it", new RunState.Stopping(1, true),
                new RunEvent.KillRequested(), new RunState.Stopping(1, true, true), List.of()));
        cases.add(new Case("launched after a kill was asked: kill it, no grace period",
                new RunState.Stopping(1, true, true), new RunEvent.Launched(1, PID, PYTHON),
                new RunState.Stopping(1, false), List.of(new Effect.KillTree(1))));
        cases.add(new Case("stop after failing: the stop is done", new RunState.Failed(),
                new RunEvent.StopRequested(), new RunState.Failed(), List.of(new Effect.SettleStopped())));
        cases.add(new Case("stop after stopped: the stop is done", new RunState.Stopped(),
                new RunEvent.StopRequested(), new RunState.Stopped(), List.of(new Effect.SettleStopped())));
    }

    // ---- helpers ----

    /** The run in {@code state} after its first launch: cycle 1 began at T0, launch 1 taken. */
    private static Run runIn(RunState state) {
        return MACHINE.initial(T0).newCycle(T0).launchTaken().in(state);
    }

    private static Set<List<Class<?>>> declaredPairs() {
        return MACHINE.rows().stream().map(row -> List.<Class<?>>of(row.state(), row.event()))
                .collect(Collectors.toSet());
    }

    private static HealthVerdict verdict(HealthObservation observation) {
        return COMMAND.acceptance().evaluate(observation);
    }

    private static Effect enter(StartupState state) {
        return new Effect.EnterState(state);
    }

    private static Effect publish(StatusEvent event) {
        return new Effect.Publish(event);
    }

    private static Effect cancel(Timer timer) {
        return new Effect.Cancel(timer);
    }

    /** What ending attempt 1 does before its failure is classified: timers off, output off, its tree stopped. */
    private static List<Effect> endAttempt() {
        return List.of(cancel(Timer.ATTEMPT_DEADLINE), cancel(Timer.NEXT_PROBE), cancel(Timer.PROOF_DEADLINE),
                new Effect.WatchOutput(1, false), new Effect.StopTree(1));
    }

    /** An attached backend goes down for {@code cause}: unhealthy, disconnected, and a restart after the backoff. */
    private static List<Effect> attachedDownFor(StartupFailure cause, OptionalLong pid) {
        return List.of(publish(new StatusEvent.Unhealthy(ID, NOW, cause.summary())),
                new Effect.WatchProcess(Optional.empty()), enter(new StartupState.Disconnected(OptionalLong.empty())),
                publish(new StatusEvent.Disconnected(ID, NOW, pid, OptionalInt.empty(), List.of())),
                enter(new StartupState.RestartBackoff(1, RETRY_DELAY)),
                publish(new StatusEvent.Retrying(ID, NOW, 1, 3, RETRY_DELAY, cause, 1)),
                new Effect.Schedule(Timer.RESTART, RETRY_DELAY, new RunEvent.RestartDue()));
    }

    private static Effect nextProbe() {
        return new Effect.Schedule(Timer.NEXT_PROBE, PROBE_INTERVAL, new RunEvent.ProbeDue(1));
    }

    private static Effect watchAttached() {
        return new Effect.Schedule(Timer.LIVENESS, Duration.ofSeconds(5),
                new RunEvent.LivenessDue(RunState.Attached.WATCH));
    }

    private static Effect nextLiveness() {
        return new Effect.Schedule(Timer.LIVENESS, Duration.ofSeconds(5), new RunEvent.LivenessDue(1));
    }

    private static List<Effect> failed(StartupFailure cause, int attempts, List<String> output) {
        StatusEvent.Failed event = new StatusEvent.Failed(ID, NOW, cause, attempts, output);
        return List.of(enter(new StartupState.Failed(cause)), publish(event), new Effect.SettleStarted(event),
                new Effect.SettleFinished(event));
    }

    private static List<Effect> stopped(String detail) {
        StatusEvent.Stopped event = new StatusEvent.Stopped(ID, NOW, detail);
        return List.of(enter(new StartupState.Stopped()), publish(event), new Effect.SettleStarted(event),
                new Effect.SettleFinished(event), new Effect.SettleStopped());
    }

    private static List<Effect> prepend(Effect first, List<Effect> rest) {
        List<Effect> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static String name(Object value) {
        return value.getClass().getSimpleName();
    }
}
