package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The official compose-spec JSON schema (draft-07), as the build fetched it from the npm package dclint@3.1.0
 * (src/build/fetch_compose_schema.py, sha256 checked), and a validator for it from networknt. Where the build could not
 * fetch it (no npm), {@link #load()} skips the calling test with the build's reason.
 */
final class ComposeSchema {

    static final Path DIR = Path.of("target/compose-schema");
    static final ObjectMapper YAML = new YAMLMapper();

    private final Schema schema;

    private ComposeSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema, or the calling test skipped with the reason the build wrote. */
    static ComposeSchema load() {
        Path file = DIR.resolve("compose.schema.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), ComposeSchema::skipReason);
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            // Its $id, compose_spec.json, is relative: it is resolved against where the schema was read from.
            return new ComposeSchema(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(SchemaLocation.of(file.toAbsolutePath().toUri().toString()), node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation of the schema in a compose file's text, as networknt words it; empty when it is valid. */
    List<String> violations(String composeYaml) {
        try {
            return violations(YAML.readTree(composeYaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> violations(JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static String skipReason() {
        try {
            Path marker = DIR.resolve("SKIPPED");
            return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8).strip()
                    : "no compose schema at " + DIR.toAbsolutePath() + ": run the build (mvn generate-test-resources)"
                    + " to fetch it";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
