package io.lifeline.adapter.cli.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app as an export sees it: its backends in dependency order (what a backend depends on comes before it), with
 * every setting resolved as {@code start} would resolve it, and secret values already left out.
 *
 * @param app        the app's name, for names the targets need (a compose project, Kubernetes labels, unit names):
 *                   the config file's name without extension, e.g. {@code app} for {@code app.yaml}
 * @param configFile the config file, absolute, when there is one: what {@code lifeline wait} is given in a unit
 * @param lifeline   the {@code lifeline} launcher, absolute: how a unit on this machine runs {@code lifeline wait}
 */
public record Deployment(String app, List<DeployedBackend> backends, Optional<Path> configFile, Path lifeline) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    public Deployment {
        if (!NAME.matcher(app).matches()) {
            throw new IllegalArgumentException("an app name is lower-case letters, digits and '-', at most 40, was '"
                    + app + "'");
        }
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a deployment has at least one backend");
        }
        if (!lifeline.isAbsolute() || configFile.filter(file -> !file.isAbsolute()).isPresent()) {
            throw new IllegalArgumentException("the launcher and the config file are absolute paths");
        }
    }

    /** {@code app} made of a file name: lower case, anything else than a letter or digit a '-'. */
    public static String appName(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        // Über.yaml is app uber, not ber: letters lose their accents before anything else is dropped.
        String plain = java.text.Normalizer.normalize(stem, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String name = plain.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (name.length() > 40) {
            name = name.substring(0, 40).replaceAll("-+$", "");
        }
        return name.isEmpty() ? "lifeline" : name;
    }
}
