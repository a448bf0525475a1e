package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchingFileAppenderTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private BatchingFileAppender appender;
    private Path file;

    @BeforeEach
    void startAppender() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        file = dir.resolve("lifeline.log");
        appender = new BatchingFileAppender();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setFlushDelayMillis(3_000);
        SizeAndTimeBasedRollingPolicy<?> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("lifeline.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%logger - %msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    @AfterEach
    void stopLogging() {
        context.stop();
    }

    @Test
    void givenTheAppenderStarted_thenTheLogFileIsOwnerOnlyWhateverTheUmask() throws IOException {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void givenBackendOutput_whenNothingElseIsLogged_thenItIsWrittenWithinTheFlushDelay() throws IOException {
        context.getLogger(BatchingFileAppender.BATCHED_LOGGER).info("backend line");

        assertThat(Files.readAllLines(file)).as("buffered, not written yet").isEmpty();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Files.readAllLines(file)).containsExactly("io.lifeline.backend - backend line"));
    }

    @Test
    void givenLifelinesOwnLine_whenLogged_thenTheBufferedBackendOutputBeforeItIsWrittenToo() throws IOException {
        context.getLogger(BatchingFileAppender.BATCHED_LOGGER).info("backend line");
        context.getLogger("io.lifeline.status").info("connected");


        assertThat(Files.readAllLines(file)).containsExactly("io.lifeline.backend - backend line",
                "io.lifeline.status - connected");
    }

    @Test
    void givenAFloodOfBackendOutput_whenLoggingStops_thenEveryLineIsInTheFileInOrder() throws IOException {
        Logger backend = context.getLogger(BatchingFileAppender.BATCHED_LOGGER);
        IntStream.range(0, 50_000).forEach(line -> backend.info("line {}", line));

        context.stop();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(50_000);
        assertThat(lines.get(0)).isEqualTo("io.lifeline.backend - line 0");
        assertThat(lines.get(49_999)).isEqualTo("io.lifeline.backend - line 49999");
    }
}
