package io.lifeline.adapter.cli.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ports {@code port: auto} picked for an app's backends at its last start, kept owner-only in the run folder
 * ({@code ports-<digest of the config file>.json}) so that {@code status}, {@code wait} and {@code stop} find those
 * backends again; a later load of the file would pick other free ports.
 */
public final class AutoPorts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AutoPorts() {
    }

    /** What the start picked, by backend name; kept only when something was picked. */
    public static void keep(Path runDir, Path configFile, Map<String, Integer> picked) {
        if (picked.isEmpty()) {
            return;
        }
        try {
            RunFolder.FILES.write(path(runDir, configFile), JSON.writeValueAsBytes(new LinkedHashMap<>(picked)));
        } catch (IOException | RuntimeException unwritable) {
            // status and stop then ask about the port of a later load: they say nothing runs there.
            org.slf4j.LoggerFactory.getLogger(AutoPorts.class).warn("cannot keep the picked ports in {}: {}",
                    runDir, unwritable.toString());
        }
    }

    /** What the last start of this file picked, or nothing when there was none or it cannot be trusted. */
    public static Map<String, Integer> picked(Path runDir, Path configFile) {
        try {
            Optional<byte[]> content = RunFolder.FILES.read(path(runDir, configFile));
            if (content.isEmpty()) {
                return Map.of();
            }
            return JSON.readValue(content.get(), new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (IOException | RuntimeException untrusted) {
            // NotPrivate among them: a file that is not private is not trusted.
            return Map.of();
        }
    }

    static Path path(Path runDir, Path configFile) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(configFile.toAbsolutePath().normalize()
                    .toString().getBytes(StandardCharsets.UTF_8));
            return runDir.resolve("ports-" + HexFormat.of().formatHex(digest, 0, 8) + ".json");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JVM has SHA-256", missing);
        }
    }
}
