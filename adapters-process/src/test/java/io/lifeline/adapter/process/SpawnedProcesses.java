package io.lifeline.adapter.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Whether the process has ended: gone, or a zombie (dead, its entry kept until its parent reaps it). The JDK counts
     * a zombie as alive; an orphan stays one until the init process reaps it, which some sandboxes' init does late.
     */
    static boolean hasEnded(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException noProc) {
            return !process.isAlive();
        }
    }
}
