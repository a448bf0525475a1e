package io.lifeline.domain.port.in;

import io.lifeline.domain.model.AttachPolicy;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.Durations;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthAcceptance;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.model.RetryPolicy;
import io.lifeline.domain.model.SupervisionPolicy;
import io.lifeline.domain.model.TimeoutPolicy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything about one backend of an app: its name, which program, where, under which policies, and what it waits for.
 * One value per backend, so adapters are chosen per backend from it.
 *
 * @param name        the backend's name in the app ({@link BackendName#DEFAULT} for a one-backend config)
 * @param dependsOn   the backends it waits for before it is launched, at most one entry per backend
 * @param stopGrace   how long a stopped backend gets between SIGTERM and SIGKILL
 * @param supervision what happens after connect: liveness probing and restarts
 * @param launchMode  whether the backend lives and dies with this process or outlives it
 * @param attach      whether a ready backend already on the port is attached to, and on which proof
 */
public record StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                                  HealthAcceptance acceptance, Duration stopGrace, SupervisionPolicy supervision,
                                  LaunchMode launchMode, AttachPolicy attach, BackendName name,
                                  List<Dependency> dependsOn) {

    /** Between terminate and kill. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    public StartBackendCommand {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(acceptance, "acceptance");
        Durations.requirePositive(stopGrace, "stop grace period");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(launchMode, "launchMode");
        Objects.requireNonNull(attach, "attach");
        Objects.requireNonNull(name, "name");
        dependsOn = List.copyOf(dependsOn);
        Set<BackendName> named = new HashSet<>();
        for (Dependency dependency : dependsOn) {
            if (!named.add(dependency.on())) {
                throw new IllegalArgumentException(name + " names " + dependency.on() + " twice in dependsOn");
            }
            if (dependency.on().equals(name)) {
                throw new IllegalArgumentException(name + " cannot depend on itself");
            }
        }
    }

    /** A backend of its own: named {@link BackendName#DEFAULT}, waiting for nothing. */
    public StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                               HealthAcceptance acceptance, Duration stopGrace, SupervisionPolicy supervision,
                               LaunchMode launchMode, AttachPolicy attach) {
        this(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision, launchMode, attach,
                BackendName.DEFAULT, List.of());
    }

    /** Attaching to any ready answer ({@link AttachPolicy#HEALTHY}): for a front end that verifies nothing. */
    public StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                               HealthAcceptance acceptance, Duration stopGrace, SupervisionPolicy supervision,
                               LaunchMode launchMode) {
        this(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision, launchMode, AttachPolicy.HEALTHY);
    }

    /** A plain start: attached, and not supervised after connect (its exit ends the run). */
    public StartBackendCommand(BackendSpec backend, Endpoint endpoint, RetryPolicy retry, TimeoutPolicy timeouts,
                               HealthAcceptance acceptance, Duration stopGrace) {
        this(backend, endpoint, retry, timeouts, acceptance, stopGrace, SupervisionPolicy.NONE, LaunchMode.ATTACHED);
    }

    public StartBackendCommand withSupervision(SupervisionPolicy value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, value, launchMode,
                attach, name, dependsOn);
    }

    public StartBackendCommand withLaunchMode(LaunchMode value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision, value,
                attach, name, dependsOn);
    }

    public StartBackendCommand withBackend(BackendSpec value) {
        return new StartBackendCommand(value, endpoint, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, attach, name, dependsOn);
    }

    public StartBackendCommand withAttach(AttachPolicy value) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, value, name, dependsOn);
    }

    /** The same backend under another name in the app, waiting for {@code value}. */
    public StartBackendCommand named(BackendName value, List<Dependency> dependencies) {
        return new StartBackendCommand(backend, endpoint, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, attach, value, dependencies);
    }

    /**
     * Whether the backend needs its port to itself: every backend but a one-shot job, which serves nothing. A worker
     * ready by its output may still listen on the port it is given ({@code {port}}, or {@code BACKEND_PORT} in its
     * environment): its port is checked before its launch and kept for it.
     */
    public boolean usesItsPort() {
        return !backend.readiness().completion();
    }

    /**
     * As a one-shot job: ready when it exits with 0 ({@link Readiness#COMPLETION}), and not supervised, since its run
     * is over then.
     */
    public StartBackendCommand asJob() {
        return new StartBackendCommand(backend.withReadiness(Readiness.COMPLETION), endpoint, retry, timeouts,
                acceptance, stopGrace, SupervisionPolicy.NONE, launchMode, attach, name, dependsOn);
    }

    public StartBackendCommand withEndpoint(Endpoint value) {
        return new StartBackendCommand(backend, value, retry, timeouts, acceptance, stopGrace, supervision,
                launchMode, attach, name, dependsOn);
    }

    /** The seed's defaults for the given backend, supervised with the default liveness and restart policies. */
    public static StartBackendCommand withDefaults(BackendSpec backend) {
        return new StartBackendCommand(backend, Endpoint.DEFAULT, RetryPolicy.DEFAULT, TimeoutPolicy.DEFAULT,
                HealthAcceptance.DEFAULT, DEFAULT_STOP_GRACE, SupervisionPolicy.DEFAULT, LaunchMode.ATTACHED);
    }
}
