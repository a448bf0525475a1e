package io.lifeline.domain.testing;

import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.port.out.BackendLauncher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * A launcher that answers each launch from a script, in order ({@link #willLaunch}, {@link #willNotLaunch},
 * {@link #willHoldLaunch}); once the script is used up, {@link #otherwise} decides (by default a fresh, silent
 * backend with pid {@code 1000 + launch number} that runs until stopped). Records every launch, when it happened, and
 * which earlier backends had not been stopped by then.
 */
public final class FakeBackendLauncher implements BackendLauncher {

    public static final long FIRST_DEFAULT_PID = 1001;

    private final Clock clock;
    private final Deque<IntFunction<CompletionStage<LaunchResult>>> script = new ArrayDeque<>();
    private IntFunction<CompletionStage<LaunchResult>> otherwise =
            number -> handOut(FakeRunningBackend.withPid(FIRST_DEFAULT_PID - 1 + number));
    private final List<Launch> launches = new ArrayList<>();
    private final List<FakeRunningBackend> backends = new ArrayList<>();

    public FakeBackendLauncher(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One launch of {@code request} at {@code at}; {@code unstoppedEarlierPids}: earlier backends still not stopped. */
    public record Launch(int number, LaunchRequest request, Instant at, List<Long> unstoppedEarlierPids) {
    }

    // ---- script ----

    public FakeBackendLauncher willLaunch(FakeRunningBackend backend) {
        script.add(number -> handOut(backend));
        return this;
    }

    public FakeBackendLauncher willNotLaunch(StartupFailure failure) {
        script.add(number -> CompletableFuture.completedFuture(new LaunchResult.NotLaunched(failure)));
        return this;
    }

    /** The next launch does not complete until the test completes the returned future. */
    public CompletableFuture<LaunchResult> willHoldLaunch() {
        CompletableFuture<LaunchResult> pending = new CompletableFuture<>();
        script.add(number -> pending);
        return pending;
    }

    /** Every launch after the script: the backend {@code factory} makes for the launch number (1, 2, ...). */
    public FakeBackendLauncher otherwise(IntFunction<FakeRunningBackend> factory) {
        otherwise = number -> handOut(factory.apply(number));
        return this;
    }

    // ---- BackendLauncher ----

    @Override
    public CompletionStage<LaunchResult> launch(LaunchRequest request) {
        int number = launches.size() + 1;
        List<Long> unstopped = backends.stream().filter(backend -> !backend.stopped())
                .map(FakeRunningBackend::pid).toList();
        launches.add(new Launch(number, request, clock.instant(), unstopped));
        IntFunction<CompletionStage<LaunchResult>> next = script.isEmpty() ? otherwise : script.poll();
        return next.apply(number);
    }

    // ---- observations ----

    public int launchCount() {
        return launches.size();
    }

    public List<Launch> launches() {
        return List.copyOf(launches);
    }

    public List<Instant> launchTimes() {
        return launches.stream().map(Launch::at).toList();
    }

    /** The backend handed out by launch {@code number} (1-based), counting only launches that launched one. */
    public FakeRunningBackend backend(int number) {
        return backends.get(number - 1);
    }

    public List<FakeRunningBackend> backends() {
        return List.copyOf(backends);
    }

    public FakeRunningBackend lastBackend() {
        if (backends.isEmpty()) {
            throw new IllegalStateException("nothing was launched");
        }
        return backends.get(backends.size() - 1);
    }

    /** Hands out {@code backend}: the result to complete a {@link #willHoldLaunch()} future with. */
    public LaunchResult launched(FakeRunningBackend backend) {
        backends.add(backend);
        return new LaunchResult.Launched(backend);
    }

    private CompletionStage<LaunchResult> handOut(FakeRunningBackend backend) {
        return CompletableFuture.completedFuture(launched(backend));
    }
}
