package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An app: its backends, each a complete {@link StartBackendCommand}, in the config's order. A backend that another waits
 * for to complete is made a one-shot job ({@link StartBackendCommand#asJob()}). Checked as a whole when made, so a plan
 * that exists can start: every name in a {@code dependsOn} is a backend of the app, there is no cycle,
 * no two backends listen on one host and port, and no backend is waited for both as a one-shot job ({@code completed})
 * and as a server ({@code healthy}).
 */
public record AppPlan(List<StartBackendCommand> backends) {

    /** @throws InvalidAppPlan naming the backend whose entry is wrong, with a one-line message */
    public AppPlan {
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("an app has at least one backend");
        }
        Map<BackendName, StartBackendCommand> byName = new LinkedHashMap<>();
        for (StartBackendCommand backend : backends) {
            if (byName.put(backend.name(), backend) != null) {
                throw new InvalidAppPlan(backend.name(), InvalidAppPlan.Part.ENTRY, "two backends are named " + backend.name());
            }
        }
        requireKnownDependencies(byName);
        requireNoCycle(byName);
        requireOneBackendPerPort(byName);
        requireOneKindOfWait(byName);
        backends = backends.stream().map(backend -> waitedToComplete(backend.name(), byName) ? backend.asJob()
                : backend).toList();
    }

    public static AppPlan of(StartBackendCommand... backends) {
        return new AppPlan(List.of(backends));
    }

    public List<BackendName> names() {
        return backends.stream().map(StartBackendCommand::name).toList();
    }

    public StartBackendCommand backend(BackendName name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no backend named " + name));
    }

    public Optional<StartBackendCommand> find(BackendName name) {
        return backends.stream().filter(backend -> backend.name().equals(name)).findFirst();
    }

    /** Whether some backend waits for this one to exit with 0: a one-shot job, ready when it completes. */
    public boolean isJob(BackendName name) {
        return find(name).map(backend -> backend.backend().readiness().completion()).orElse(false);
    }

    private static boolean waitedToComplete(BackendName name, Map<BackendName, StartBackendCommand> byName) {
        return byName.values().stream().flatMap(backend -> backend.dependsOn().stream())
                .anyMatch(dependency -> dependency.on().equals(name)
                        && dependency.condition() == DependencyCondition.COMPLETED);
    }

    /** Whether the backend needs its port to itself ({@link StartBackendCommand#usesItsPort()}). */
    public boolean usesItsPort(BackendName name) {
        return backend(name).usesItsPort();
    }

    /**
     * Every backend after all it depends on, otherwise in the config's order: the order a start meets them in. Its
     * reverse is the order a stop takes.
     */
    public List<BackendName> dependencyOrder() {
        List<BackendName> ordered = new ArrayList<>();
        while (ordered.size() < backends.size()) {
            for (StartBackendCommand backend : backends) {
                if (!ordered.contains(backend.name()) && backend.dependsOn().stream()
                        .allMatch(dependency -> ordered.contains(dependency.on()))) {
                    ordered.add(backend.name());
                    break;
                }
            }
        }
        return ordered;
    }

    /** The backends that name this one in their {@code dependsOn}, in the config's order. */
    public List<BackendName> dependantsOf(BackendName name) {
        return backends.stream()
                .filter(backend -> backend.dependsOn().stream().anyMatch(dependency -> dependency.on().equals(name)))
                .map(StartBackendCommand::name).toList();
    }

    /**
     * The app narrowed to the named backends and everything they depend on, directly or not.
     *
     * @throws IllegalArgumentException naming a backend the app does not have
     */
    public AppPlan narrowedTo(Set<BackendName> named) {
        if (named.isEmpty()) {
            return this;
        }
        Set<BackendName> kept = new LinkedHashSet<>();
        List<BackendName> todo = new ArrayList<>(named);
        while (!todo.isEmpty()) {
            BackendName next = todo.remove(todo.size() - 1);
            if (find(next).isEmpty()) {
                throw new IllegalArgumentException("no backend named " + next + " in this app; its backends: "
                        + String.join(", ", names().stream().map(BackendName::value).toList()));
            }
            if (kept.add(next)) {
                backend(next).dependsOn().forEach(dependency -> todo.add(dependency.on()));
            }
        }
        return new AppPlan(backends.stream().filter(backend -> kept.contains(backend.name())).toList());
    }

    private static void requireKnownDependencies(Map<BackendName, StartBackendCommand> byName) {
        for (StartBackendCommand backend : byName.values()) {
            for (Dependency dependency : backend.dependsOn()) {
                if (!byName.containsKey(dependency.on())) {
                    throw new InvalidAppPlan(backend.name(), InvalidAppPlan.Part.DEPENDS_ON, backend.name() + " depends on " + dependency.on()
                            + ", which is not a backend of this app; its backends: "
                            + String.join(", ", byName.keySet().stream().map(BackendName::value).toList()));
                }
            }
        }
    }

    /** Depth first from each backend in order; the message shows the whole cycle, first node repeated at the end. */
    private static void requireNoCycle(Map<BackendName, StartBackendCommand> byName) {
        Set<BackendName> done = new LinkedHashSet<>();
        for (BackendName start : byName.keySet()) {
            List<BackendName> path = new ArrayList<>();
            findCycle(start, byName, path, done).ifPresent(cycle -> {
                throw new InvalidAppPlan(cycle.get(0), InvalidAppPlan.Part.DEPENDS_ON, "dependsOn makes a cycle: " + String.join(" -> ",
                        cycle.stream().map(BackendName::value).toList()) + "; remove one of these dependencies");
            });
        }
    }

    private static Optional<List<BackendName>> findCycle(BackendName node, Map<BackendName, StartBackendCommand> byName,
                                                         List<BackendName> path, Set<BackendName> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<BackendName> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (Dependency dependency : byName.get(node).dependsOn()) {
            Optional<List<BackendName>> cycle = findCycle(dependency.on(), byName, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return Optional.empty();
    }

    private static void requireOneBackendPerPort(Map<BackendName, StartBackendCommand> byName) {
        Map<Endpoint, BackendName> listeners = new LinkedHashMap<>();
        for (StartBackendCommand backend : byName.values()) {
            StartBackendCommand effective = waitedToComplete(backend.name(), byName) ? backend.asJob() : backend;
            if (!effective.usesItsPort()) {
                continue;
            }
            BackendName other = listeners.putIfAbsent(backend.endpoint(), backend.name());
            if (other != null) {
                throw new InvalidAppPlan(backend.name(), InvalidAppPlan.Part.ENTRY, other + " and " + backend.name() + " both use "
                        + backend.endpoint() + "; give each backend its own port (port: auto picks a free one)");
            }
        }
    }

    private static void requireOneKindOfWait(Map<BackendName, StartBackendCommand> byName) {
        Map<BackendName, Dependency> completed = new LinkedHashMap<>();
        for (StartBackendCommand backend : byName.values()) {
            for (Dependency dependency : backend.dependsOn()) {
                if (dependency.condition() == DependencyCondition.COMPLETED) {
                    completed.putIfAbsent(dependency.on(), dependency);
                }
            }
        }
        for (StartBackendCommand backend : byName.values()) {
            for (Dependency dependency : backend.dependsOn()) {
                if (dependency.condition() == DependencyCondition.HEALTHY && completed.containsKey(dependency.on())) {
                    throw new InvalidAppPlan(backend.name(), InvalidAppPlan.Part.DEPENDS_ON,
                            backend.name() + " waits for " + dependency.on()
                            + " to be healthy, but another backend waits for it to complete (a one-shot job is never"
                            + " healthy): use condition completed or started");
                }
                if (dependency.restartWith() && dependency.condition() != DependencyCondition.HEALTHY) {
                    throw new InvalidAppPlan(backend.name(), InvalidAppPlan.Part.DEPENDS_ON, backend.name()
                            + " asks to restart with " + dependency.on() + ", which needs condition healthy, not " + dependency.condition()
                            .word());
                }
            }
        }
    }
}
