package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Every domain text that carries a field from a health answer, a command line or the backend's output is inert. */
class HostileTextTest {

    private static final String HOSTILE = "\u001b]0;owned\u0007\nconnected on 127.0.0.1:1 (forged)\u202e";
    private static final String SHOWN = "\\u001b]0;owned\\u0007\\nconnected on 127.0.0.1:1 (forged)\\u202e";

    private static final HealthReport REPORT = new HealthReport(new HealthReport.Answer(HOSTILE, true), HOSTILE,
            Map.of(HOSTILE, HOSTILE), Optional.of(HOSTILE), OptionalLong.of(7), Optional.empty(), Optional.empty(),
            Optional.of(HOSTILE));

    @Test
    void givenHostileReport_whenDescribed_thenEveryFieldEscaped() {
        assertInert(REPORT.describe());
        assertThat(REPORT.describe()).contains("service " + SHOWN, "{" + SHOWN + "=" + SHOWN + "}");
    }

    @Test
    void givenHostileVerdicts_whenDescribed_thenEscaped() {
        for (HealthVerdict verdict : List.of(new HealthVerdict.Degraded(Map.of(HOSTILE, HOSTILE), REPORT),
                new HealthVerdict.Unhealthy(Map.of(), HOSTILE), new HealthVerdict.Unhealthy(Map.of("db", HOSTILE), ""),
                new HealthVerdict.Foreign(HOSTILE, REPORT),
                new HealthVerdict.Unreachable(new ProbeFailure(ProbeFailure.Kind.NOT_JSON, HOSTILE, HOSTILE)))) {
            assertInert(verdict.describe());
            assertThat(verdict.describe()).contains(SHOWN);
        }
    }

    @Test
    void givenHostileCommandLine_whenHolderAndProcessDescribed_thenEscapedAndCapped() {
        PortHolder holder = new PortHolder(812, Optional.of(HOSTILE + "x".repeat(10_000)));
        assertInert(holder.describe());
        assertThat(holder.describe()).startsWith("pid 812 (" + SHOWN).hasSizeLessThan(InertText.FIELD + 20);
        ProcessFacts facts = new ProcessFacts(9, Optional.empty(), List.of("python", HOSTILE), Optional.of(
                Path.of("/tmp/" + HOSTILE.replace('\u0000', ' '))), List.of());
        assertInert(facts.describe());
        assertInert(facts.where());
        assertInert(new PortInUse(new Endpoint("127.0.0.1", 1), HOSTILE, Optional.of(holder)).summary());
    }

    @Test
    void givenHostileLastOutput_whenFailuresSummarised_thenEscaped() {
        assertInert(new ExitedDuringStartup(1, List.of(HOSTILE)).summary());
        assertInert(new BackendExited(OptionalInt.of(1), List.of(HOSTILE)).summary());
        assertInert(new PortMismatch(new Endpoint("127.0.0.1", 1), 2, HOSTILE, java.time.Duration.ofSeconds(1))
                .details().get(0));
        assertInert(new UnhealthyServices(new HealthVerdict.Unhealthy(Map.of(HOSTILE, "down"), "")).summary());
    }

    private static void assertInert(String text) {
        assertThat(text).doesNotContain("\u001b", "\u0007", "\n", "\r", "\u202e").contains("\\u001b]0;owned");
    }
}
