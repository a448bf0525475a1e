package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Lifeline's logging, set up in code: {@code lifeline.log} in {@value LogSetup#LOG_DIR_PROPERTY} (default
 * {@code ~/.lifeline/logs}), every line tagged with the run's correlation id, rolled daily and at 10 MB, gzipped, 14
 * days and 200 MB kept; {@code io.lifeline} at INFO, everything else at WARN. Logback finds it through
 * {@code META-INF/services} before it looks for a {@code logback.xml}: reading XML took longer than anything else in
 * setting up a run (docs/performance.md). {@code -Dlogback.configurationFile=...} naming a file that exists still
 * replaces it.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%X{correlationId:-no-run}] %-5level %logger{24} - %inertMsg%n";

    static final String CONFIGURATION_FILE = "logback.configurationFile";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (namesAConfiguration(System.getProperty(CONFIGURATION_FILE))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Path dir = Path.of(System.getProperty(LogSetup.LOG_DIR_PROPERTY,
                Path.of(System.getProperty("user.home"), ".lifeline", "logs").toString()));
        BatchingFileAppender file = new BatchingFileAppender();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("lifeline.log").toString());

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("lifeline.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling);

        registerInertMessage(context);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        file.setEncoder(encoder);
        file.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(file);
        context.getLogger("io.lifeline").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code %inertMsg}: every message, Lifeline's own and the backend's output, written inert. */
    @SuppressWarnings("unchecked")
    static void registerInertMessage(LoggerContext context) {
        Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("inertMsg", InertMessageConverter.class.getName());
    }

    /** A file or class-path resource that exists: a mistyped name keeps this set-up instead of logback's fallback. */
    static boolean namesAConfiguration(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        try {
            if (Files.isRegularFile(Path.of(name))) {
                return true;
            }
        } catch (InvalidPathException notAPath) {
            // Perhaps a URL or a resource name.
        }
        return LogConfigurator.class.getClassLoader().getResource(name) != null || name.contains(":/");
    }
}
