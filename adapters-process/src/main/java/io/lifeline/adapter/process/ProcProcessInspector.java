package io.lifeline.adapter.process;

import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.port.out.ProcessInspector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProcessInspector} from {@link ProcessHandle} and, on Linux, {@code /proc/<pid>/cmdline} (the whole argv, not
 * cut at a length) and {@code /proc/<pid>/cwd}. Another user's process shows less: what cannot be read is empty.
 */
public final class ProcProcessInspector implements ProcessInspector {

    static final int MAX_ANCESTORS = 32;

    private final Path procRoot;

    public ProcProcessInspector() {
        this(Path.of("/proc"));
    }

    /** Reads {@code <procRoot>/<pid>/...} instead of {@code /proc}: where the files are missing, shows less. */
    ProcProcessInspector(Path procRoot) {
        this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
    }

    @Override
    public Optional<ProcessFacts> facts(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle.Info info = handle.get().info();
        List<String> argv = procArgv(pid).orElseGet(() -> {
            List<String> shown = new ArrayList<>();
            info.command().ifPresent(shown::add);
            info.arguments().ifPresent(arguments -> shown.addAll(Arrays.asList(arguments)));
            return shown;
        });
        return Optional.of(new ProcessFacts(pid, info.startInstant(), argv, workingDir(pid), ancestors(handle.get())));
    }

    private Optional<List<String>> procArgv(long pid) {
        try {
            byte[] raw = Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve("cmdline"));
            if (raw.length == 0) {
                return Optional.empty();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return Optional.of(List.of(text.split("\0", -1)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private Optional<Path> workingDir(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(procRoot.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static List<Long> ancestors(ProcessHandle process) {
        List<Long> chain = new ArrayList<>();
        Optional<ProcessHandle> parent = process.parent();
        while (parent.isPresent() && chain.size() < MAX_ANCESTORS) {
            chain.add(parent.get().pid());
            parent = parent.get().parent();
        }
        return chain;
    }
}
