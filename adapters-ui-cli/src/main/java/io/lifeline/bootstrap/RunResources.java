package io.lifeline.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run's adapters hold (thread pools, HTTP clients), registered as each is created; closing releases them in
 * the order they were made. Only what was created is released: a {@code status} run never starts a launcher.
 */
final class RunResources implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    synchronized <T> T register(T resource, AutoCloseable release) {
        resources.add(release);
        return resource;
    }

    @Override
    public synchronized void close() {
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
