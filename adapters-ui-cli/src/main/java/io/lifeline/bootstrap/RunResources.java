package io.lifeline.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run's adapters hold (thread pools, HTTP clients), registered as each is created; closing releases them in
 * the order they were made, and then what was registered to close last: the run's status publishers, which deliver
 * its last events once nothing can publish any more. Only what was created is released: a {@code status} run never
 * starts a launcher. A second close (a shutdown hook's, say) waits until the first has finished.
 */
final class RunResources implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<AutoCloseable> last = new ArrayList<>();

    synchronized <T> T register(T resource, AutoCloseable release) {
        resources.add(release);
        return resource;
    }

    /** Released after everything {@link #register registered}: for what delivers the run's last events. */
    synchronized <T> T registerLast(T resource, AutoCloseable release) {
        last.add(release);
        return resource;
    }

    @Override
    public synchronized void close() {
        resources.addAll(last);
        last.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Releasing one resource must not keep the others.
            }
        }
        resources.clear();
    }
}
