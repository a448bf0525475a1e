package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointTest {

    @Test
    void givenDefault_thenLoopbackPort8000() {
        assertThat(Endpoint.DEFAULT).isEqualTo(new Endpoint("127.0.0.1", 8000));
        assertThat(Endpoint.DEFAULT).hasToString("127.0.0.1:8000");
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {0, -1, 65_536})
    void givenPortOutOfRange_whenCreating_thenRejectedWithTheRange(int port) {
        assertThatThrownBy(() -> new Endpoint("127.0.0.1", port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 1 and 65535, was " + port);
    }

    @Test
    void givenThePortBoundaries_whenCreating_thenAccepted() {
        assertThat(new Endpoint("localhost", 1).port()).isEqualTo(1);
        assertThat(new Endpoint("localhost", 65_535).port()).isEqualTo(65_535);
    }

    @ParameterizedTest(name = "host ''{0}''")
    @ValueSource(strings = {"", "   "})
    void givenBlankHost_whenCreating_thenRejected(String host) {
        assertThatThrownBy(() -> new Endpoint(host, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must not be empty");
    }

    @Test
    void givenNullHost_whenCreating_thenRejected() {
        assertThatNullPointerException().isThrownBy(() -> new Endpoint(null, 8000))
                .withMessage("host must not be null");
    }

    @Test
    void givenIpv6Host_whenPrinting_thenTheHostIsBracketed() {
        assertThat(new Endpoint("::1", 8000)).hasToString("[::1]:8000");
    }
}
