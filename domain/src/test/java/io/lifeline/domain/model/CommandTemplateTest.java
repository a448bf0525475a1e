package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTemplateTest {

    @Test
    void givenPlaceholders_whenFilled_thenEachIsReplacedInsideAndAcrossArguments() {
        List<String> command = List.of("server", "--bind={host}:{port}", "--id", "{correlationId}", "{port}");

        List<String> filled = CommandTemplate.fill(command,
                CommandTemplate.standardValues(new Endpoint("127.0.0.1", 8123), new CorrelationId("run-1")));

        assertThat(filled).containsExactly("server", "--bind=127.0.0.1:8123", "--id", "run-1", "8123");
    }

    @Test
    void givenJsonOrDollarSigns_whenFilled_thenTheyStayAsTheyAre() {
        List<String> command = List.of("app", "--config={\"a\": 1}", "{}", "$HOME", "{port}");

        assertThat(CommandTemplate.fill(command, Map.of("port", "$1\\")))
                .containsExactly("app", "--config={\"a\": 1}", "{}", "$HOME", "$1\\");
        assertThat(CommandTemplate.placeholders(command)).containsExactly("port");
    }

    @Test
    void givenAnUnknownPlaceholder_whenFilled_thenItIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> CommandTemplate.fill(List.of("app", "--p={prot}"), Map.of("port", "1", "host", "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown placeholder {prot} in the backend command; known: {host}, {port}");
    }

    @Test
    void placeholders_areListedInOrderOfFirstUse() {
        assertThat(CommandTemplate.placeholders(List.of("{python}", "-m", "app", "{port}", "{host}", "{port}")))
                .containsExactly("python", "port", "host");
    }
}
