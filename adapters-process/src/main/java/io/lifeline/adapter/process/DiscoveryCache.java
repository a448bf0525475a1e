package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Remembers which interpreter discovery chose, so the next start need not run every candidate again (each run imports
 * the backend's packages: hundreds of milliseconds). An entry is keyed by everything that could change the choice:
 * the required modules and, for every candidate in order, its command, the size and modification time of its file,
 * and the modification times of a venv's {@code site-packages} folders (a {@code pip install} changes them). Only a
 * usable choice is remembered. A remembered interpreter that lost a package is still caught: the backend's own
 * {@code ModuleNotFoundError} is classified. {@code lifeline doctor} always checks live.
 *
 * <p>The file is read and written only through {@link PrivateFiles}: a cache that is a link, another user's or
 * writable by others is ignored (its command would run with the user's environment and the run's secret), and a
 * remembered command is used only when it is one of today's candidates.
 */
final class DiscoveryCache {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryCache.class);
    private static final String SEPARATOR = "\u0001";

    private final Path file;
    private final PrivateFiles files;

    DiscoveryCache(Path file, PrivateFiles files) {
        this.file = Objects.requireNonNull(file, "file");
        this.files = Objects.requireNonNull(files, "files");
    }

    Optional<InterpreterCheck.Usable> get(List<InterpreterCandidate> candidates, List<String> modules) {
        Properties entries = read();
        String value = entries.getProperty(key(candidates, modules));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(SEPARATOR, -1);
        if (parts.length < 4) {
            return Optional.empty();
        }
        List<String> command = List.of(parts).subList(3, parts.length);
        Optional<InterpreterCandidate> candidate = candidates.stream()
                .filter(today -> today.command().equals(command)).findFirst();
        if (candidate.isEmpty()) {
            LOG.warn("interpreter cache {} names {}, which is none of today's candidates: ignored", file,
                    String.join(" ", command));
            return Optional.empty();
        }
        return Optional.of(new InterpreterCheck.Usable(candidate.get(), parts[1], parts[0]));
    }

    void put(List<InterpreterCandidate> candidates, List<String> modules, InterpreterCheck.Usable usable) {
        Properties entries = read();
        List<String> parts = new ArrayList<>(List.of(usable.version(), usable.executable(),
                usable.candidate().origin()));
        parts.addAll(usable.candidate().command());
        entries.setProperty(key(candidates, modules), String.join(SEPARATOR, parts));
        try {
            StringWriter text = new StringWriter();
            entries.store(text, "Lifeline's interpreter discovery: safe to delete");
            files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unwritable) {
            LOG.debug("interpreter cache {} not written: {}", file, unwritable.toString());
        }
    }

    private Properties read() {
        Properties entries = new Properties();
        try {
            Optional<byte[]> content = files.read(file);
            if (content.isPresent()) {
                entries.load(new StringReader(new String(content.get(), StandardCharsets.UTF_8)));
            }
        } catch (PrivateFiles.NotPrivate refused) {
            LOG.warn("interpreter cache not used: {}", refused.getMessage());
            return new Properties();
        } catch (IOException | RuntimeException unreadable) {
            return new Properties();
        }
        return entries;
    }

    static String key(List<InterpreterCandidate> candidates, List<String> modules) {
        StringBuilder fingerprint = new StringBuilder(String.join(",", modules));
        for (InterpreterCandidate candidate : candidates) {
            fingerprint.append('|').append(candidate.display());
            Path program = Path.of(candidate.command().get(0));
            fingerprint.append('@').append(stamp(program));
            Path lib = program.toAbsolutePath().getParent() == null ? null
                    : program.toAbsolutePath().getParent().resolveSibling("lib");
            if (lib != null && Files.isDirectory(lib)) {
                try (Stream<Path> folders = Files.walk(lib, 2)) {
                    folders.filter(dir -> dir.getFileName().toString().equals("site-packages")).sorted()
                            .forEach(dir -> fingerprint.append('+').append(stamp(dir)));
                } catch (IOException | RuntimeException unreadable) {
                    fingerprint.append("+?");
                }
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }

    private static String stamp(Path path) {
        try {
            return Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException | RuntimeException missing) {
            return "-";
        }
    }
}
