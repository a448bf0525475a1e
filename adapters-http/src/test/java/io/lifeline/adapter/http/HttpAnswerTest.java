package io.lifeline.adapter.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpAnswerTest {

    @Test
    void givenHeaders_whenLookingOneUp_thenFoundWhateverItsCase() {
        HttpAnswer answer = HttpAnswer.head(200, Map.of("Content-Type", "application/json"));

        assertThat(answer.header("content-type")).isEqualTo("application/json");
        assertThat(answer.header("CONTENT-TYPE")).isEqualTo("application/json");
        assertThat(answer.header("Location")).isNull();
    }

    @Test
    void givenTheSameHeaderInTwoCases_whenLookingItUp_thenTheFirstValueCounts() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Lifeline-Proof", "first");
        headers.put("x-lifeline-proof", "second");

        assertThat(HttpAnswer.head(200, headers).header("X-LIFELINE-PROOF")).isEqualTo("first");
    }

    @Test
    void givenABody_whenTheCallerChangesItsArray_thenTheAnswerDoesNotChange() {
        byte[] read = {'{', '}'};
        HttpAnswer answer = HttpAnswer.head(200, Map.of()).withBody(read, false);
        read[0] = 'x';
        answer.body()[1] = 'x';

        assertThat(answer.body()).containsExactly('{', '}');
        assertThat(answer.tooLarge()).isFalse();
        assertThat(answer.withBody(read, true).tooLarge()).isTrue();
        assertThat(HttpAnswer.head(204, Map.of()).body()).isEmpty();
    }

    @Test
    void givenAStatusThatIsNotThreeDigits_whenMade_thenRefused() {
        assertThat(HttpAnswer.head(100, Map.of()).status()).isEqualTo(100);
        assertThat(HttpAnswer.head(999, Map.of()).status()).isEqualTo(999);
        assertThatThrownBy(() -> HttpAnswer.head(99, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpAnswer.head(1000, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
