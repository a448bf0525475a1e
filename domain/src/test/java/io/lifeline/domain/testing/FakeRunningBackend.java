package io.lifeline.domain.testing;

import io.lifeline.domain.port.out.RunningBackend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A backend "process" the test controls: it writes lines when told ({@link #emit}), exits when told ({@link #exit}),
 * and on {@link #stop} records the grace period and ends at once with {@value #TERMINATED_EXIT_CODE}, unless
 * {@link #holdStop()} makes the stop wait for {@link #finishStop()}.
 */
public final class FakeRunningBackend implements RunningBackend {

    /** 128 + SIGTERM, what a terminated process reports. */
    public static final int TERMINATED_EXIT_CODE = 143;
    public static final int KILLED_EXIT_CODE = 137;
    private boolean killed;
    public static final String DEFAULT_INTERPRETER = "/usr/bin/python3";
    /** {@link #lastOutput()} is bounded, as the port says: it keeps this many of the newest lines. */
    public static final int OUTPUT_LINES_KEPT = 40;

    private final long pid;
    private final String interpreter;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final List<String> output = new ArrayList<>();
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private final List<Duration> stopRequests = new ArrayList<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean holdStop;

    public FakeRunningBackend(long pid, String interpreter) {
        this.pid = pid;
        this.interpreter = interpreter;
    }

    public static FakeRunningBackend withPid(long pid) {
        return new FakeRunningBackend(pid, DEFAULT_INTERPRETER);
    }

    /** Already dead when handed out: wrote {@code lines}, then exited with {@code code}. */
    public static FakeRunningBackend crashed(long pid, int code, String... lines) {
        FakeRunningBackend backend = withPid(pid);
        backend.emit(lines);
        backend.exit(code);
        return backend;
    }

    // ---- RunningBackend ----

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public String interpreter() {
        return interpreter;
    }

    @Override
    public CompletionStage<Integer> exitCode() {
        return exitCode;
    }

    @Override
    public List<String> lastOutput() {
        return List.copyOf(output);
    }

    @Override
    public void onOutput(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Void> stop(Duration grace) {
        stopRequests.add(grace);
        if (!holdStop) {
            finishStop();
        }
        return stopped;
    }

    @Override
    public CompletionStage<Void> kill() {
        killed = true;
        exit(KILLED_EXIT_CODE);
        stopped.complete(null);
        return stopped;
    }

    // ---- controls ----

    /**
     * Writes lines: each goes into {@link #lastOutput()} (which keeps the newest {@value #OUTPUT_LINES_KEPT}) and to
     * every output listener, in order.
     */
    public FakeRunningBackend emit(String... lines) {
        for (String line : lines) {
            output.add(line);
            if (output.size() > OUTPUT_LINES_KEPT) {
                output.remove(0);
            }
            for (Consumer<String> listener : List.copyOf(listeners)) {
                listener.accept(line);
            }
        }
        return this;
    }

    /** The adapter breaks its promise: the exit future fails instead of completing with a code. */
    public void breakExitWatch(RuntimeException bug) {
        exitCode.completeExceptionally(bug);
    }

    /** The process ends on its own. A second exit is ignored, like a real process. */
    public void exit(int code) {
        exitCode.complete(code);
    }

    /** Stops from now on wait for {@link #finishStop()}, like a backend that takes its grace period. */
    public FakeRunningBackend holdStop() {
        holdStop = true;
        return this;
    }

    /** The process tree is gone: exit code {@value #TERMINATED_EXIT_CODE} unless it had exited already. */
    public void finishStop() {
        exit(TERMINATED_EXIT_CODE);
        stopped.complete(null);
    }

    // ---- observations ----

    public boolean killed() {
        return killed;
    }

    public boolean exited() {
        return exitCode.isDone();
    }

    public boolean stopRequested() {
        return !stopRequests.isEmpty();
    }

    /** Stop was asked for and has completed: nothing of this backend runs any more. */
    public boolean stopped() {
        return stopped.isDone();
    }

    /** The grace period of every stop request, in order (stop is idempotent, so there may be several). */
    public List<Duration> stopRequests() {
        return List.copyOf(stopRequests);
    }

    public int outputListeners() {
        return listeners.size();
    }

    @Override
    public String toString() {
        return "FakeRunningBackend[pid=" + pid + ", exited=" + exited() + ", stopped=" + stopped() + "]";
    }
}
