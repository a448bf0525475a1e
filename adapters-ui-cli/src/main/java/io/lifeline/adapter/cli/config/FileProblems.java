package io.lifeline.adapter.cli.config;

import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in words what went wrong with a file: Java's exception messages are often just the path again. */
public final class FileProblems {

    private FileProblems() {
    }

    public static String describe(Exception problem) {
        if (problem instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (problem instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (problem instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (problem instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
    }
}
