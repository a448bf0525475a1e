package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.CorrelationId;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.DependencyNotReady;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.usecase.AppRun.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app's run as a pure function, over its backends' runs: {@code next(run, event, now)} is the next run and the
 * effects. It launches a backend the moment its dependencies meet their conditions (backends without a path between
 * them at once, in parallel), skips the dependants of a backend that failed or missed a timeout, restarts a
 * {@code restartWith} dependant after its dependency, and stops in reverse dependency order. Each backend's own start
 * (attach, launch, retries, proofs, supervision) is its own {@link RunMachine}'s; both run on one serial thread.
 */
final class AppMachine {

    private final AppPlan plan;
    private final CorrelationId correlationId;

    AppMachine(AppPlan plan, CorrelationId correlationId) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
    }

    AppRun initial() {
        return AppRun.initial(plan.names());
    }

    /** The outcome of one event: the run after it, and what to do, in order. */
    record AppTransition(AppRun next, List<AppEffect> effects) {
        AppTransition {
            effects = List.copyOf(effects);
        }
    }

    AppTransition next(AppRun run, AppEvent event, Instant now) {
        Change change = new Change(run, now);
        if (run.stage() != Stage.OVER) {
            if (event instanceof AppEvent.Begin) {
                change.begin();
            } else if (event instanceof AppEvent.Launched launched) {
                change.launched(launched.backend());
            } else if (event instanceof AppEvent.Ready ready) {
                change.ready(ready.event());
            } else if (event instanceof AppEvent.Down down) {
                change.down(down.backend());
            } else if (event instanceof AppEvent.Ended ended) {
                change.ended(ended.end());
            } else if (event instanceof AppEvent.DeadlinePassed passed) {
                change.deadlinePassed(passed.dependant(), passed.dependency());
            } else if (event instanceof AppEvent.StopRequested) {
                change.stopRequested();
            } else if (event instanceof AppEvent.KillRequested) {
                change.kill();
            }
        }
        return change.finish();
    }

    /** One transition while it is worked out: mutable, and never outside {@link #next}. */
    private final class Change {
        private final Instant now;
        private final List<AppEffect> effects = new ArrayList<>();
        private Stage stage;
        private final Map<BackendName, BackendPhase> phases;
        private final Map<BackendName, StatusEvent> ready;
        private boolean wasConnected;
        private Optional<AppOutcome.Kind> ending;
        private Optional<AppOutcome.Root> root;
        private final List<BackendName> skipped;
        private final List<BackendName> takenDown;

        Change(AppRun run, Instant now) {
            this.now = now;
            this.stage = run.stage();
            this.phases = new LinkedHashMap<>(run.phases());
            this.ready = new LinkedHashMap<>(run.ready());
            this.wasConnected = run.wasConnected();
            this.ending = run.ending();
            this.root = run.root();
            this.skipped = new ArrayList<>(run.skipped());
            this.takenDown = new ArrayList<>(run.takenDown());
        }

        AppTransition finish() {
            return new AppTransition(run(), effects);
        }

        private AppRun run() {
            return new AppRun(stage, phases, ready, wasConnected, ending, root, skipped, takenDown);
        }

        void begin() {
            if (phases.values().stream().anyMatch(phase -> phase != BackendPhase.WAITING)) {
                return;
            }
            for (StartBackendCommand backend : plan.backends()) {
                backend.dependsOn().stream().filter(dependency -> dependency.timeout().isPresent())
                        .forEach(dependency -> effects.add(new AppEffect.ArmDeadline(backend.name(), dependency)));
            }
            startWhatCan();
        }

        void launched(BackendName backend) {
            if (phases.get(backend) == BackendPhase.STARTING) {
                phases.put(backend, BackendPhase.STARTED);
                startWhatCan();
            }
        }

        void ready(StatusEvent.Connected event) {
            BackendName backend = event.backend();
            BackendPhase phase = phases.get(backend);
            if (phase == BackendPhase.STARTING || phase == BackendPhase.STARTED || phase == BackendPhase.DOWN) {
                phases.put(backend, BackendPhase.READY);
                ready.put(backend, event);
                startWhatCan();
                connectedWhenAllAre();
            }
        }

        /**
         * A connected backend went down and its own policy restarts it: every backend that restarts with it, directly
         * or through another that does, is held, and stopped leaves first. While the app stops, a stop is under way.
         */
        void down(BackendName backend) {
            if (phases.get(backend) != BackendPhase.READY || stage == Stage.STOPPING) {
                return;
            }
            phases.put(backend, BackendPhase.DOWN);
            List<BackendName> reached = new ArrayList<>(List.of(backend));
            for (int next = 0; next < reached.size(); next++) {
                BackendName dependency = reached.get(next);
                for (BackendName dependant : plan.dependantsOf(dependency)) {
                    boolean restartsWith = plan.backend(dependant).dependsOn().stream()
                            .anyMatch(entry -> entry.on().equals(dependency) && entry.restartWith());
                    BackendPhase phase = phases.get(dependant);
                    if (restartsWith && !reached.contains(dependant) && (phase == BackendPhase.STARTING
                            || phase == BackendPhase.STARTED || phase == BackendPhase.READY
                            || phase == BackendPhase.DOWN)) {
                        phases.put(dependant, BackendPhase.HOLDING);
                        reached.add(dependant);
                    }
                }
            }
            holdWhatCan();
        }

        /** Stops each backend to hold once none of its dependants is still being held: leaves first. */
        private void holdWhatCan() {
            List<BackendName> reversed = new ArrayList<>(plan.names());
            java.util.Collections.reverse(reversed);
            for (BackendName name : reversed) {
                if (phases.get(name) == BackendPhase.HOLDING && plan.dependantsOf(name).stream()
                        .map(phases::get).noneMatch(phase -> phase == BackendPhase.HOLDING
                                || phase == BackendPhase.HELD)) {
                    phases.put(name, BackendPhase.HELD);
                    effects.add(new AppEffect.Stop(name));
                }
            }
        }

        void ended(StatusEvent end) {
            BackendName backend = end.backend();
            BackendPhase phase = phases.get(backend);
            if (phase == null || phase.over()) {
                return;
            }
            if (end instanceof StatusEvent.Completed) {
                phases.put(backend, BackendPhase.COMPLETED);
                ready.put(backend, end);
                startWhatCan();
                connectedWhenAllAre();
            } else if (phase == BackendPhase.STOPPING) {
                phases.put(backend, BackendPhase.STOPPED);
            } else if (phase == BackendPhase.HELD) {
                phases.put(backend, stage == Stage.STOPPING ? BackendPhase.STOPPED : BackendPhase.WAITING);
                holdWhatCan();
                startWhatCan();
            } else {
                phases.put(backend, BackendPhase.FAILED);
                fail(backend, end);
            }
            stopWhatCan();
        }

        void deadlinePassed(BackendName dependant, Dependency dependency) {
            if (stage != Stage.STARTING || phases.get(dependant) != BackendPhase.WAITING || meets(dependency)) {
                return;
            }
            DependencyNotReady cause = new DependencyNotReady(dependency.on(), dependant, dependency.condition(),
                    dependency.timeout().orElseThrow());
            StatusEvent.Failed failed = new StatusEvent.Failed(correlationId, now, cause, 0, List.of(),
                    dependency.on());
            // Made here, not by the backend's own run: published here, so every front end and the log have it.
            effects.add(new AppEffect.Publish(failed));
            if (phases.get(dependency.on()) == BackendPhase.WAITING) {
                // Late because what it waits for is late: never launched, it is the root, not one of the skipped.
                phases.put(dependency.on(), BackendPhase.FAILED);
            }
            fail(dependency.on(), failed);
            stopWhatCan();
        }

        void stopRequested() {
            if (stage == Stage.STOPPING) {
                return;
            }
            boolean deciding = stage == Stage.STARTING;
            stage = Stage.STOPPING;
            ending = Optional.of(AppOutcome.Kind.STOPPED);
            phases.replaceAll((name, phase) -> {
                if (phase == BackendPhase.WAITING) {
                    effects.add(new AppEffect.Publish(new StatusEvent.Stopped(correlationId, now,
                            "not launched: the app was stopped first", name)));
                    return BackendPhase.STOPPED;
                }
                return phase;
            });
            if (deciding) {
                effects.add(new AppEffect.Decide(run().outcome(plan.names())));
            }
            stopWhatCan();
        }

        void kill() {
            List<BackendName> running = phases.entrySet().stream().filter(entry -> entry.getValue().running())
                    .map(Map.Entry::getKey).toList();
            if (!running.isEmpty()) {
                effects.add(new AppEffect.Kill(running));
            }
        }

        /**
         * The app cannot be (or stay) connected: the backends waiting for anything are skipped, the running ones are
         * taken down in reverse order. A failure while stopping only marks its backend.
         */
        private void fail(BackendName failed, StatusEvent why) {
            if (stage == Stage.STOPPING) {
                return;
            }
            boolean deciding = stage == Stage.STARTING;
            stage = Stage.STOPPING;
            ending = Optional.of(deciding ? AppOutcome.Kind.FAILED : AppOutcome.Kind.GAVE_UP);
            root = Optional.of(new AppOutcome.Root(failed, why));
            String reason = failed + " " + (why instanceof StatusEvent.Failed failure
                    ? "failed: " + failure.cause().summary() : "went down");
            phases.replaceAll((name, phase) -> {
                if (phase == BackendPhase.WAITING) {
                    skipped.add(name);
                    effects.add(new AppEffect.Publish(new StatusEvent.Skipped(correlationId, now, failed, reason,
                            name)));
                    return BackendPhase.SKIPPED;
                }
                if (phase.running() && !name.equals(failed)) {
                    takenDown.add(name);
                }
                return phase;
            });
            if (deciding) {
                effects.add(new AppEffect.Decide(run().outcome(plan.names())));
            }
        }

        /** Launches every waiting backend whose dependencies all meet their conditions, in the app's order. */
        private void startWhatCan() {
            if (stage != Stage.STARTING && stage != Stage.CONNECTED) {
                return;
            }
            for (StartBackendCommand backend : plan.backends()) {
                if (phases.get(backend.name()) == BackendPhase.WAITING
                        && backend.dependsOn().stream().allMatch(this::meets)) {
                    phases.put(backend.name(), BackendPhase.STARTING);
                    effects.add(new AppEffect.Start(backend.name()));
                }
            }
        }

        private boolean meets(Dependency dependency) {
            BackendPhase phase = phases.get(dependency.on());
            return switch (dependency.condition()) {
                case HEALTHY -> phase == BackendPhase.READY;
                // A job that completed has run: whoever waited for its start may go.
                case STARTED -> phase == BackendPhase.STARTED || phase == BackendPhase.READY
                        || phase == BackendPhase.COMPLETED;
                case COMPLETED -> phase == BackendPhase.COMPLETED;
            };
        }

        private void connectedWhenAllAre() {
            if (stage == Stage.STARTING && phases.values().stream()
                    .allMatch(phase -> phase == BackendPhase.READY || phase == BackendPhase.COMPLETED)) {
                stage = Stage.CONNECTED;
                wasConnected = true;
                effects.add(new AppEffect.Decide(run().outcome(plan.names())));
            }
        }

        /**
         * While stopping: stops each running backend none of whose dependants still runs, latest in the app's order
         * first; once nothing runs, the run is over.
         */
        private void stopWhatCan() {
            if (stage != Stage.STOPPING) {
                return;
            }
            List<BackendName> reversed = new ArrayList<>(plan.names());
            java.util.Collections.reverse(reversed);
            for (BackendName name : reversed) {
                BackendPhase phase = phases.get(name);
                boolean stoppable = phase == BackendPhase.STARTING || phase == BackendPhase.STARTED
                        || phase == BackendPhase.READY || phase == BackendPhase.DOWN || phase == BackendPhase.HOLDING;
                if (stoppable && plan.dependantsOf(name).stream().noneMatch(other -> phases.get(other).running())) {
                    phases.put(name, BackendPhase.STOPPING);
                    effects.add(new AppEffect.Stop(name));
                }
            }
            if (phases.values().stream().allMatch(BackendPhase::over)) {
                stage = Stage.OVER;
                effects.add(new AppEffect.Finish(run().outcome(plan.names())));
            }
        }
    }
}
