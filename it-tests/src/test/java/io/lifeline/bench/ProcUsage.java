package io.lifeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Samples one process from {@code /proc} (Linux) on a thread of its own, from {@link #start} until {@link #stop}:
 * the maximum of {@code VmRSS} and {@code Threads} ({@code /proc/<pid>/status}) and the CPU time it used
 * ({@code utime + stime} of {@code /proc/<pid>/stat}, its own threads only, not its children), as a percentage of
 * one core over the wall time between the first and the last sample.
 */
final class ProcUsage {

    /** What one window of sampling found. */
    record Usage(double cpuPercentOfCore, double maxRssMb, int maxThreads, double seconds, int samples) {
    }

    private record Sample(long nanos, long rssKb, int threads, long cpuTicks) {
    }

    private static final long CLOCK_TICKS = clockTicks();

    private final long pid;
    private final Duration every;
    private final Sample first;
    private final Thread sampler;
    private volatile boolean stopping;
    private long maxRssKb;
    private int maxThreads;
    private int samples;

    private ProcUsage(long pid, Duration every) throws IOException {
        this.pid = pid;
        this.every = every;
        this.first = sample(pid);
        note(first);
        this.sampler = new Thread(this::run, "bench-sampler-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    static ProcUsage start(long pid, Duration every) throws IOException {
        return new ProcUsage(pid, every);
    }

    /** Ends the window with one last sample (the process must still be alive). */
    Usage stop() throws IOException, InterruptedException {
        stopping = true;
        sampler.interrupt();
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        Sample last = sample(pid);
        synchronized (this) {
            note(last);
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            double cpuSeconds = (last.cpuTicks() - first.cpuTicks()) / (double) CLOCK_TICKS;
            return new Usage(100.0 * cpuSeconds / seconds, maxRssKb / 1024.0, maxThreads, seconds, samples);
        }
    }

    private void run() {
        while (!stopping) {
            try {
                Thread.sleep(every.toMillis());
                Sample sample = sample(pid);
                synchronized (this) {
                    note(sample);
                }
            } catch (InterruptedException stop) {
                return;
            } catch (IOException gone) {
                return; // the process ended: stop() will say so
            }
        }
    }

    private void note(Sample sample) {
        maxRssKb = Math.max(maxRssKb, sample.rssKb());
        maxThreads = Math.max(maxThreads, sample.threads());
        samples++;
    }

    private static Sample sample(long pid) throws IOException {
        long rssKb = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // After the command name in parentheses (which may hold spaces): field 3 (state) is [0], utime (14) is [11].
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new Sample(System.nanoTime(), rssKb, threads, ticks);
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException unknown) {
            return 100; // USER_HZ on every Linux we run on
        }
    }
}
