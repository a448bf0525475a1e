package io.lifeline.adapter.cli.output;

import io.lifeline.adapter.cli.config.ConfigException;
import io.lifeline.adapter.cli.config.FileProblems;
import io.lifeline.adapter.cli.config.Origin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import io.lifeline.adapter.cli.state.RunFolder;
import io.lifeline.adapter.cli.state.UntrustedState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the log file at the configured folder. Must run before the first logger is created, which is why the config
 * loader never logs: {@link LogConfigurator} reads {@value #LOG_DIR_PROPERTY} when logging starts.
 */
public final class LogSetup {

    static final String LOG_DIR_PROPERTY = "lifeline.logDir";
    static final String LOG_FILE = "lifeline.log";

    private LogSetup() {
    }

    /**
     * @throws ConfigException when the folder cannot be used
     * @throws UntrustedState  when it is a link, another user's, or writable by group or others
     */
    public static void useLogDirectory(Path logDir, Origin source) {
        String invalid = "invalid logDir '" + logDir + "' (from " + source + "): ";
        if (Files.exists(logDir) && !Files.isDirectory(logDir)) {
            throw new ConfigException(invalid + "a file with that name is in the way; give a folder");
        }
        try {
            // lifeline.log holds the backend's output (tokens, database addresses): a folder only this user reads.
            RunFolder.checkFolder("log folder", logDir);
        } catch (UncheckedIOException | SecurityException failed) {
            throw new ConfigException(invalid + "cannot create the folder (" + FileProblems.describe(
                    failed.getCause() instanceof IOException io ? io : failed) + ")");
        }
        privateLogFiles(logDir);
        if (!Files.isWritable(logDir)) {
            throw new ConfigException(invalid + "the folder is not writable");
        }
        // The configured folder wins over a -D given to the JVM, so reports name the file that is really written.
        System.setProperty(LOG_DIR_PROPERTY, logDir.toString());
    }

    /**
     * The log files of earlier versions, or of a roll-over whose compression ended after its run: made 0600. A log file
     * that is missing is created 0600 here, before logback opens it.
     */
    static void privateLogFiles(Path logDir) {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(logDir, "lifeline*")) {
            logs.forEach(RunFolder.FILES::tighten);
        } catch (IOException | RuntimeException unreadable) {
            // The folder is owner-only: that is what keeps them private.
        }
        BatchingFileAppender.createOwnerOnly(logDir.resolve(LOG_FILE));
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
