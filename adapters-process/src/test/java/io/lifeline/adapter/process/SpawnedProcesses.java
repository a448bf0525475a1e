package io.lifeline.adapter.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The processes a test started, so that its {@code @AfterEach} can make sure none outlives it, whatever the test did.
 * Keeps {@link ProcessHandle}s rather than pids: a handle knows its start time, so a recycled pid is never killed.
 */
final class SpawnedProcesses {

    private final List<ProcessHandle> tracked = new CopyOnWriteArrayList<>();

    /** Tracks the process with this pid, if it is still there. */
    void track(long pid) {
        ProcessHandle.of(pid).ifPresent(tracked::add);
    }

    /**
     * Kills every tracked process, their descendants, and whatever this JVM itself still has running below it (e.g.
     * an interpreter check), then waits for them to be gone.
     */
    void killSurvivors() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle handle : tracked) {
            all.add(handle);
            handle.descendants().forEach(all::add);
        }
        ProcessHandle.current().descendants().forEach(all::add);
        List<ProcessHandle> alive = all.stream().filter(ProcessHandle::isAlive).distinct().toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture.allOf(alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
        tracked.clear();
    }
}
