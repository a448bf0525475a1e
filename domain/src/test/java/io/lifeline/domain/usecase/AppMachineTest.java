package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.DependencyNotReady;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.testing.StartCommands;
import io.lifeline.domain.testing.StartupFailures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's order, skips and stops, on the pure machine: events in, effects out, no threads. */
class AppMachineTest {

    private static final CorrelationId RUN = new CorrelationId("backend-startup-1");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final BackendName MIGRATE = new BackendName("migrate");
    private static final BackendName DB = new BackendName("db");
    private static final BackendName API = new BackendName("api");
    private static final BackendName WORKER = new BackendName("worker");
    private static final BackendName WEB = new BackendName("web");

    private static int nextPort = 9100;

    private static StartBackendCommand backend(BackendName name, Dependency... dependsOn) {
        return StartCommands.quickStart().withEndpoint(new Endpoint("127.0.0.1", nextPort++))
                .named(name, List.of(dependsOn));
    }

    /** Records the effects of every event, and hands out the run after each. */
    private static final class Driver {
        private final AppMachine machine;
        private AppRun run;
        private final List<AppEffect> effects = new ArrayList<>();

        Driver(StartBackendCommand... backends) {
            machine = new AppMachine(new AppPlan(List.of(backends)), RUN);
            run = machine.initial();
        }

        List<AppEffect> on(AppEvent event) {
            AppMachine.AppTransition transition = machine.next(run, event, NOW);
            run = transition.next();
            effects.addAll(transition.effects());
            return transition.effects();
        }

        List<AppEffect> begin() {
            return on(new AppEvent.Begin());
        }

        List<AppEffect> ready(BackendName name) {
            return on(new AppEvent.Ready(connected(name)));
        }

        List<AppEffect> ended(StatusEvent end) {
            return on(new AppEvent.Ended(end));
        }
    }

    private static StatusEvent.Connected connected(BackendName name) {
        return new StatusEvent.Connected(RUN, NOW, Endpoint.DEFAULT, OptionalLong.of(42), 1, Duration.ofSeconds(1),
                false).withBackend(name);
    }

    private static StatusEvent.Failed failed(BackendName name) {
        return new StatusEvent.Failed(RUN, NOW, StartupFailures.exitedDuringStartup(), 3, List.of("boom"))
                .withBackend(name);
    }

    private static StatusEvent.Stopped stopped(BackendName name) {
        return new StatusEvent.Stopped(RUN, NOW, "stopped").withBackend(name);
    }

    private static StatusEvent.Completed completed(BackendName name) {
        return new StatusEvent.Completed(RUN, NOW, 7, 1, Duration.ofMillis(300), name);
    }

    private static List<AppEffect> starts(BackendName... names) {
        return Arrays.stream(names).<AppEffect>map(AppEffect.Start::new).toList();
    }

    private static <T extends AppEffect> List<T> only(Class<T> type, List<AppEffect> effects) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static AppOutcome decided(List<AppEffect> effects) {
        return only(AppEffect.Decide.class, effects).get(0).outcome();
    }

    @Nested
    class Ordering {

        @Test
        void backendsWithoutAPathBetweenThemStartAtOnce_inTheAppsOrder() {
            Driver app = new Driver(backend(API), backend(WORKER), backend(WEB));

            assertThat(app.begin()).containsExactlyElementsOf(starts(API, WORKER, WEB));
        }

        @Test
        void aDependantStartsTheMomentItsConditionHolds_andNotBefore() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)),
                    backend(WEB, Dependency.healthy(API)));

            assertThat(app.begin()).containsExactlyElementsOf(starts(DB));
            assertThat(app.on(new AppEvent.Launched(DB))).isEmpty();
            assertThat(app.ready(DB)).containsExactlyElementsOf(starts(API));
            assertThat(app.ready(API)).containsExactlyElementsOf(starts(WEB));
        }

        @Test
        void startedIsMetByALaunch_completedOnlyByAnExitWithZero() {
            Driver app = new Driver(backend(MIGRATE), backend(DB),
                    backend(API, Dependency.on(MIGRATE, DependencyCondition.COMPLETED),
                            Dependency.on(DB, DependencyCondition.STARTED)));

            assertThat(app.begin()).containsExactlyElementsOf(starts(MIGRATE, DB));
            assertThat(app.on(new AppEvent.Launched(DB))).isEmpty();
            assertThat(app.on(new AppEvent.Launched(MIGRATE))).isEmpty();
            assertThat(app.ended(completed(MIGRATE))).containsExactlyElementsOf(starts(API));
        }

        @Test
        void startedOnAJob_isStillMetOnceTheJobHasCompleted() {
            Driver app = new Driver(backend(MIGRATE), backend(DB), backend(API, Dependency.on(MIGRATE,
                    DependencyCondition.COMPLETED)), backend(WORKER, Dependency.on(MIGRATE, DependencyCondition.STARTED),
                    Dependency.healthy(DB)));
            app.begin();
            app.on(new AppEvent.Launched(MIGRATE));
            app.ended(completed(MIGRATE));

            assertThat(app.ready(DB)).containsExactlyElementsOf(starts(WORKER));
        }

        @Test
        void theAppIsConnectedWhenEveryBackendIs_aJobCountingOnceCompleted() {
            Driver app = new Driver(backend(MIGRATE), backend(API, Dependency.on(MIGRATE,
                    DependencyCondition.COMPLETED)), backend(WORKER, Dependency.healthy(API)));
            app.begin();
            app.ended(completed(MIGRATE));
            assertThat(only(AppEffect.Decide.class, app.ready(API))).isEmpty();

            AppOutcome outcome = decided(app.ready(WORKER));

            assertThat(outcome.kind()).isEqualTo(AppOutcome.Kind.CONNECTED);
            assertThat(outcome.wasConnected()).isTrue();
            assertThat(outcome.ready()).extracting(StatusEvent::backend).containsExactly(MIGRATE, API, WORKER);
        }

        @Test
        void timeoutsAreArmedAtTheStart_onePerDependencyThatHasOne() {
            Dependency withTimeout = Dependency.healthy(DB).withTimeout(Duration.ofSeconds(20));
            Driver app = new Driver(backend(DB), backend(API, withTimeout, Dependency.healthy(WEB)), backend(WEB));

            assertThat(only(AppEffect.ArmDeadline.class, app.begin()))
                    .containsExactly(new AppEffect.ArmDeadline(API, withTimeout));
        }
    }

    @Nested
    class Failing {

        @Test
        void aDependencyThatFails_skipsItsDependantsAtOnce_andTakesDownWhatRuns() {
            Driver app = new Driver(backend(DB), backend(WEB), backend(API, Dependency.healthy(DB)),
                    backend(WORKER, Dependency.healthy(API)));
            app.begin();

            List<AppEffect> effects = app.ended(failed(DB));

            AppOutcome outcome = decided(effects);
            assertThat(outcome.kind()).isEqualTo(AppOutcome.Kind.FAILED);
            assertThat(outcome.root()).map(AppOutcome.Root::backend).contains(DB);
            assertThat(outcome.root()).map(AppOutcome.Root::event).contains(failed(DB));
            assertThat(outcome.skipped()).containsExactly(API, WORKER);
            assertThat(outcome.takenDown()).containsExactly(WEB);
            assertThat(only(AppEffect.Publish.class, effects)).extracting(publish -> publish.event().backend())
                    .containsExactly(API, WORKER);
            assertThat(only(AppEffect.Publish.class, effects)).allSatisfy(publish -> assertThat(publish.event())
                    .isInstanceOfSatisfying(StatusEvent.Skipped.class, skipped -> {
                        assertThat(skipped.root()).isEqualTo(DB);
                        assertThat(skipped.reason()).startsWith("db failed: ");
                    }));
            assertThat(only(AppEffect.Start.class, effects)).isEmpty();
            assertThat(only(AppEffect.Stop.class, effects)).containsExactly(new AppEffect.Stop(WEB));
            assertThat(only(AppEffect.Finish.class, app.ended(stopped(WEB)))).singleElement()
                    .satisfies(finish -> assertThat(finish.outcome().kind()).isEqualTo(AppOutcome.Kind.FAILED));
        }

        @Test
        void aDependencyThatMissesItsTimeout_isTheRoot_andIsStopped() {
            Dependency withTimeout = Dependency.healthy(DB).withTimeout(Duration.ofSeconds(20));
            Driver app = new Driver(backend(DB), backend(API, withTimeout));
            app.begin();
            app.on(new AppEvent.Launched(DB));

            List<AppEffect> effects = app.on(new AppEvent.DeadlinePassed(API, withTimeout));

            AppOutcome outcome = decided(effects);
            assertThat(outcome.root()).map(AppOutcome.Root::backend).contains(DB);
            assertThat(((StatusEvent.Failed) outcome.root().orElseThrow().event()).cause())
                    .isEqualTo(new DependencyNotReady(DB, API, DependencyCondition.HEALTHY, Duration.ofSeconds(20)));
            assertThat(outcome.skipped()).containsExactly(API);
            assertThat(only(AppEffect.Stop.class, effects)).containsExactly(new AppEffect.Stop(DB));
        }

        @Test
        void aMissedTimeout_isPublishedAsTheRootsFailure_forEveryFrontEndAndTheLog() {
            Dependency withTimeout = Dependency.healthy(DB).withTimeout(Duration.ofSeconds(20));
            Driver app = new Driver(backend(DB), backend(API, withTimeout));
            app.begin();

            List<AppEffect> effects = app.on(new AppEvent.DeadlinePassed(API, withTimeout));

            assertThat(only(AppEffect.Publish.class, effects)).extracting(AppEffect.Publish::event)
                    .first().isInstanceOfSatisfying(StatusEvent.Failed.class, failed -> {
                        assertThat(failed.backend()).isEqualTo(DB);
                        assertThat(failed.cause()).isInstanceOf(DependencyNotReady.class);
                    });
        }

        @Test
        void aTimeoutOnADependencyThatItselfStillWaits_makesItTheRoot_notOneOfTheSkipped() {
            Dependency withTimeout = Dependency.healthy(API).withTimeout(Duration.ofSeconds(5));
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)), backend(WEB, withTimeout));
            app.begin();

            AppOutcome outcome = decided(app.on(new AppEvent.DeadlinePassed(WEB, withTimeout)));

            assertThat(outcome.root()).map(AppOutcome.Root::backend).contains(API);
            assertThat(outcome.skipped()).containsExactly(WEB);
            assertThat(outcome.takenDown()).containsExactly(DB);
        }

        @Test
        void aTimeoutThatPassesAfterTheConditionHeld_changesNothing() {
            Dependency withTimeout = Dependency.healthy(DB).withTimeout(Duration.ofSeconds(20));
            Driver app = new Driver(backend(DB), backend(API, withTimeout));
            app.begin();
            app.ready(DB);

            assertThat(app.on(new AppEvent.DeadlinePassed(API, withTimeout))).isEmpty();
        }

        @Test
        void aConnectedBackendThatGivesUp_endsTheApp_stoppingTheRestInReverseOrder() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)),
                    backend(WEB, Dependency.healthy(API)), backend(WORKER));
            app.begin();
            app.ready(DB);
            app.ready(API);
            app.ready(WEB);
            app.ready(WORKER);

            List<AppEffect> effects = app.ended(failed(API));

            assertThat(only(AppEffect.Decide.class, effects)).isEmpty();
            // db's only dependant, api, is gone: nothing that needs db runs any more.
            assertThat(only(AppEffect.Stop.class, effects)).containsExactly(new AppEffect.Stop(WORKER),
                    new AppEffect.Stop(WEB), new AppEffect.Stop(DB));
            app.ended(stopped(WEB));
            app.ended(stopped(WORKER));
            AppOutcome outcome = only(AppEffect.Finish.class, app.ended(stopped(DB))).get(0).outcome();
            assertThat(outcome.kind()).isEqualTo(AppOutcome.Kind.GAVE_UP);
            assertThat(outcome.root()).map(AppOutcome.Root::backend).contains(API);
            assertThat(outcome.takenDown()).containsExactly(DB, WEB, WORKER);
        }
    }

    @Nested
    class Stopping {

        @Test
        void dependantsStopFirst_eachBackendOnceNothingThatNeedsItRuns() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)),
                    backend(WORKER, Dependency.healthy(API)), backend(WEB, Dependency.healthy(API)));
            app.begin();
            List.of(DB, API, WORKER, WEB).forEach(app::ready);

            assertThat(app.on(new AppEvent.StopRequested()))
                    .containsExactly(new AppEffect.Stop(WEB), new AppEffect.Stop(WORKER));
            assertThat(app.ended(stopped(WEB))).isEmpty();
            assertThat(app.ended(stopped(WORKER))).containsExactly(new AppEffect.Stop(API));
            assertThat(app.ended(stopped(API))).containsExactly(new AppEffect.Stop(DB));
            List<AppEffect> last = app.ended(stopped(DB));
            assertThat(only(AppEffect.Finish.class, last)).singleElement().satisfies(finish -> {
                assertThat(finish.outcome().kind()).isEqualTo(AppOutcome.Kind.STOPPED);
                assertThat(finish.outcome().wasConnected()).isTrue();
            });
            assertThat(app.on(new AppEvent.StopRequested())).isEmpty();
        }

        @Test
        void aStopDuringTheStart_decidesIt_andWhatWaitsIsNeverLaunched() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)));
            app.begin();

            List<AppEffect> effects = app.on(new AppEvent.StopRequested());

            assertThat(decided(effects).kind()).isEqualTo(AppOutcome.Kind.STOPPED);
            assertThat(decided(effects).wasConnected()).isFalse();
            assertThat(only(AppEffect.Publish.class, effects)).singleElement()
                    .satisfies(publish -> assertThat(publish.event()).isInstanceOf(StatusEvent.Stopped.class)
                            .extracting(StatusEvent::backend).isEqualTo(API));
            assertThat(only(AppEffect.Stop.class, effects)).containsExactly(new AppEffect.Stop(DB));
            assertThat(app.ready(DB)).isEmpty();
        }

        @Test
        void aKill_reachesEveryTreeStillRunning_atOnce() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB)), backend(WEB));
            app.begin();
            app.ready(DB);
            app.on(new AppEvent.StopRequested());

            assertThat(app.on(new AppEvent.KillRequested()))
                    .containsExactly(new AppEffect.Kill(List.of(DB, API, WEB)));
        }
    }

    @Nested
    class Supervising {

        @Test
        void aDependencyThatGoesDown_stopsItsRestartWithDependant_andStartsItAgainOnceHealthy() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB).restartingWith()),
                    backend(WEB, Dependency.healthy(DB)));
            app.begin();
            List.of(DB, API, WEB).forEach(app::ready);

            assertThat(app.on(new AppEvent.Down(DB))).containsExactly(new AppEffect.Stop(API));
            assertThat(app.ended(stopped(API))).isEmpty();
            assertThat(app.ready(DB)).containsExactlyElementsOf(starts(API));
            assertThat(only(AppEffect.Decide.class, app.ready(API))).isEmpty();
        }

        @Test
        void restartWithIsFollowedThrough_theDependantsDependantStopsFirst_andAllStartAgainInOrder() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB).restartingWith()),
                    backend(WEB, Dependency.healthy(API).restartingWith()));
            app.begin();
            List.of(DB, API, WEB).forEach(app::ready);

            assertThat(app.on(new AppEvent.Down(DB))).containsExactly(new AppEffect.Stop(WEB));
            assertThat(app.ended(stopped(WEB))).containsExactly(new AppEffect.Stop(API));
            assertThat(app.ended(stopped(API))).isEmpty();
            assertThat(app.ready(DB)).containsExactlyElementsOf(starts(API));
            assertThat(app.ready(API)).containsExactlyElementsOf(starts(WEB));
        }

        @Test
        void aDownWhileTheAppStops_holdsNothing() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB).restartingWith()),
                    backend(WEB));
            app.begin();
            List.of(DB, API, WEB).forEach(app::ready);
            app.on(new AppEvent.StopRequested());

            assertThat(app.on(new AppEvent.Down(DB))).isEmpty();
        }

        @Test
        void aStopWhileARestartWithDependantIsHeld_leavesItStopped() {
            Driver app = new Driver(backend(DB), backend(API, Dependency.healthy(DB).restartingWith()));
            app.begin();
            List.of(DB, API).forEach(app::ready);
            app.on(new AppEvent.Down(DB));

            assertThat(app.on(new AppEvent.StopRequested())).isEmpty();
            assertThat(app.ended(stopped(API))).containsExactly(new AppEffect.Stop(DB));
        }
    }
}
