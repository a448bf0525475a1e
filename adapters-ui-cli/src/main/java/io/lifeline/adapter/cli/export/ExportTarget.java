package io.lifeline.adapter.cli.export;

/**
 * One engine an app can be handed to (docker compose, Kubernetes, systemd, process-compose): renders a
 * {@link Deployment} into that engine's files. Pure: values in, text out; it writes nothing and reads nothing, so a
 * new target is one class and its tests. What the engine cannot express is returned as a {@link Loss}, never dropped
 * silently; what it cannot run at all is an {@link ExportRefused}.
 */
public interface ExportTarget {

    /** As typed after {@code lifeline export}: {@code compose}, {@code kubernetes}, ... */
    String name();

    /**
     * @throws ExportRefused when a backend cannot be run by this engine as configured (no image, a health check that
     *                       nothing in the image can run), naming the backend, the setting and the fix
     */
    Rendering render(Deployment deployment);
}
