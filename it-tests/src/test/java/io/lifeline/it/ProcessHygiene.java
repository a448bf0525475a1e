package io.lifeline.it;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Every process a test starts is gone when it ends. */
final class ProcessHygiene {

    private ProcessHygiene() {
    }

    static List<ProcessHandle> livingDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Waits a little for processes that are on their way out, then fails naming any that are left. */
    static void assertNoProcessLeft() {
        await("no process left behind").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> livingDescendants().isEmpty());
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Alive and not a zombie. A process whose parent died is re-parented and, once it exits, stays a zombie until
     * the new parent reaps it; Java still calls that alive, but it runs no code and holds no port.
     */
    static boolean isRunning(long pid) {
        if (!isAlive(pid)) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException gone) {
            return isAlive(pid);
        }
    }

    /** Last resort after a failed test: end what this JVM started, by pid, so the next test starts clean. */
    static void killLeftovers() {
        for (ProcessHandle leftover : livingDescendants()) {
            leftover.destroyForcibly();
        }
    }

    static String describe(ProcessHandle handle) {
        return handle.pid() + " " + handle.info().commandLine().orElse("?");
    }
}
