package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.FileProblems;
import io.lifeline.adapter.cli.config.Origin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the log file at the configured folder. Must run before the first logger is created, which is why the config
 * loader never logs: {@link LogConfigurator} reads {@value #LOG_DIR_PROPERTY} when logging starts.
 */
public final class LogSetup {

    static final String LOG_DIR_PROPERTY = "lifeline.logDir";

    private LogSetup() {
    }

    public static void useLogDirectory(Path logDir, Origin source) {
        String invalid = "invalid logDir '" + logDir + "' (from " + source + "): ";
        if (Files.exists(logDir) && !Files.isDirectory(logDir)) {
            throw new ConfigException(invalid + "a file with that name is in the way; give a folder");
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException | SecurityException failed) {
            throw new ConfigException(invalid + "cannot create the folder (" + FileProblems.describe(failed) + ")");
        }
        if (!Files.isWritable(logDir)) {
            throw new ConfigException(invalid + "the folder is not writable");
        }
        // The configured folder wins over a -D given to the JVM, so reports name the file that is really written.
        System.setProperty(LOG_DIR_PROPERTY, logDir.toString());
    }

    /**
     * Writes what the log still buffers of the backend's output. For exits through a shutdown hook, which run at the
     * same time as the log's own flush at exit and may log after it.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appender -> {
                if (appender instanceof BatchingFileAppender batching) {
                    batching.flush();
                }
            });
        }
    }
}
