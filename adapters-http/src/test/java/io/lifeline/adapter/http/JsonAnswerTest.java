package io.lifeline.adapter.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonAnswerTest {

    @Test
    void givenStatusCodesAtTheEdgesOf2xx_whenAskedForSuccess_thenOnly200To299() {
        assertThat(JsonAnswer.isSuccess(199)).isFalse();
        assertThat(JsonAnswer.isSuccess(200)).isTrue();
        assertThat(JsonAnswer.isSuccess(299)).isTrue();
        assertThat(JsonAnswer.isSuccess(300)).isFalse();
    }
}
