package io.lifeline.adapter.cli.config;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One backend of a config file's {@code backends:} mapping, as written: its settings and its {@code dependsOn}, with
 * where each is, so an error can name its line.
 *
 * @param origin where the backend's name is written ({@code lifeline.yaml:12})
 */
record BackendEntry(BackendName name, Origin origin, Map<Setting<?>, ConfigLoader.RawValue> values,
                    List<Dependency> dependsOn, Origin dependsOnOrigin) {

    BackendEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(dependsOnOrigin, "dependsOnOrigin");
    }
}
