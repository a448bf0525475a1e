package io.lifeline.adapter.cli.export;

import java.util.List;

/**
 * What a target made of a deployment: its files, in the order they are shown, and every setting it could not carry
 * over as it is (also written into the files as comments).
 */
public record Rendering(List<ExportFile> files, List<Loss> losses) {

    public Rendering {
        files = List.copyOf(files);
        losses = List.copyOf(losses);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a rendering has at least one file");
        }
    }

    /** One file of an export: its name in {@code --output DIR}, and its text, which ends with a line break. */
    public record ExportFile(String name, String content) {
        public ExportFile {
            if (name.isBlank() || name.contains("/") || name.startsWith(".")) {
                throw new IllegalArgumentException("an export file name is a plain name, was '" + name + "'");
            }
            content = content.endsWith("\n") ? content : content + "\n";
        }
    }
}
