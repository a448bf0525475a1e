package io.lifeline.adapter.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and all its descendants: SIGTERM to every one of them, SIGKILL to whatever is left after the grace
 * period. The tree is captured before the first signal, because children that outlive their parent are re-parented
 * and no longer show up as its descendants.
 */
final class ProcessTreeStopper {

    /** After SIGKILL the kernel needs a moment to reap; bound the wait so a stop always completes. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final ProcessHandle root;
    /** Every process seen in the tree so far: a kill after a stop must reach children that were re-parented. */
    private final List<ProcessHandle> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    ProcessTreeStopper(ProcessHandle root) {
        this.root = root;
    }

    CompletableFuture<Void> stop(Duration grace) {
        List<ProcessHandle> tree = snapshot();
        tree.forEach(ProcessHandle::destroy);
        return allExited(tree)
                .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(afterGrace -> {
                    List<ProcessHandle> survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
                    survivors.forEach(ProcessHandle::destroyForcibly);
                    return allExited(survivors).completeOnTimeout(null, KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    /** SIGKILL to the whole tree now, including everything a running {@link #stop} captured. */
    CompletableFuture<Void> kill() {
        List<ProcessHandle> tree = snapshot();
        tree.forEach(ProcessHandle::destroyForcibly);
        return allExited(tree).completeOnTimeout(null, KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<ProcessHandle> snapshot() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        for (ProcessHandle handle : tree) {
            if (!seen.contains(handle)) {
                seen.add(handle);
            }
        }
        return List.copyOf(seen);
    }

    private static CompletableFuture<Void> allExited(List<ProcessHandle> processes) {
        return CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    }
}
