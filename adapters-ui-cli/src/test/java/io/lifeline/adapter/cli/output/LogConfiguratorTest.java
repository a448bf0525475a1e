package io.lifeline.adapter.cli.output;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import io.lifeline.domain.model.InertText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfiguratorTest {

    @TempDir
    Path logs;

    private final LoggerContext context = new LoggerContext();
    private final String previousLogDir = System.getProperty(LogSetup.LOG_DIR_PROPERTY);

    @AfterEach
    void restore() {
        context.stop();
        if (previousLogDir == null) {
            System.clearProperty(LogSetup.LOG_DIR_PROPERTY);
        } else {
            System.setProperty(LogSetup.LOG_DIR_PROPERTY, previousLogDir);
        }
    }

    @Test
    void givenTheLogDir_whenConfigured_thenLifelineLogsInfoThereTaggedAndOthersOnlyWarnings() throws IOException {
        System.setProperty(LogSetup.LOG_DIR_PROPERTY, logs.toString());
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);

        Configurator.ExecutionStatus status = configurator.configure(context);
        context.getMDCAdapter().put("correlationId", "backend-startup-7");
        context.getLogger("io.lifeline.status").info("connected");
        context.getLogger("com.example.library").info("chatter");
        context.getLogger("com.example.library").warn("trouble");
        context.stop();

        assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        List<String> lines = Files.readAllLines(logs.resolve("lifeline.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ \\[backend-startup-7] INFO"
                + "  io.lifeline.status - connected");
        assertThat(lines.get(1)).endsWith("WARN  com.example.library - trouble");
    }

    @Test
    void givenHostileBackendOutputAndStatus_whenLogged_thenEachStaysOneInertLine() throws IOException {
        System.setProperty(LogSetup.LOG_DIR_PROPERTY, logs.toString());
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        configurator.configure(context);
        String hostile = "\u001b]0;owned\u0007\r\n2024-01-01T00:00:00.000Z [x] INFO  io.lifeline.status - forged";

        context.getLogger(BatchingFileAppender.BATCHED_LOGGER).info("{}", hostile + "y".repeat(100_000));
        context.getLogger("io.lifeline.status").info("service {}", hostile);
        context.stop();

        byte[] written = Files.readAllBytes(logs.resolve("lifeline.log"));
        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\u001b", "\u0007", "\r");
        List<String> lines = Files.readAllLines(logs.resolve("lifeline.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("io.lifeline.backend - \\u001b]0;owned\\u0007\\r\\n2024-01-01")
                .hasSizeLessThan(InertText.LINE + 200).endsWith("y...");
        assertThat(lines.get(1)).endsWith("io.lifeline.status - service \\u001b]0;owned\\u0007\\r\\n"
                + "2024-01-01T00:00:00.000Z [x] INFO  io.lifeline.status - forged");
    }

    @Test
    void givenTheLogDir_whenConfigured_thenTheFileRollsDailyAndAt10MbKeeping14DaysAnd200MbGzipped() {
        System.setProperty(LogSetup.LOG_DIR_PROPERTY, logs.toString());
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);

        configurator.configure(context);

        BatchingFileAppender file = (BatchingFileAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("FILE");
        SizeAndTimeBasedRollingPolicy<?> rolling = (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
        assertThat(file.getFile()).isEqualTo(logs.resolve("lifeline.log").toString());
        assertThat(rolling.getFileNamePattern())
                .isEqualTo(logs.resolve("lifeline.%d{yyyy-MM-dd}.%i.log.gz").toString());
        assertThat(rolling.getMaxHistory()).isEqualTo(14);
        assertThat(rolling.getCompressionMode()).isEqualTo(CompressionMode.GZ);
    }

    @Test
    void givenAConfigurationFileThatExists_whenAsked_thenLogbackReadsItInstead() throws IOException {
        Path custom = Files.writeString(logs.resolve("custom.xml"), "<configuration/>");

        assertThat(LogConfigurator.namesAConfiguration(custom.toString())).isTrue();
        assertThat(LogConfigurator.namesAConfiguration(logs.resolve("mistyped.xml").toString())).isFalse();
        assertThat(LogConfigurator.namesAConfiguration(null)).isFalse();
    }
}
