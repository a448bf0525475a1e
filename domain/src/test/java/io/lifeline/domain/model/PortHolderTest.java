package io.lifeline.domain.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortHolderTest {

    @Test
    void givenPidOne_whenCreating_thenAccepted() {
        assertThat(new PortHolder(1, Optional.empty()).describe()).isEqualTo("pid 1");
    }

    @Test
    void givenPidZero_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new PortHolder(0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid must be positive, was 0");
    }

    @Test
    void givenCommandLine_whenDescribed_thenPidAndCommandLine() {
        assertThat(new PortHolder(812, Optional.of("nginx: master process")).describe())
                .isEqualTo("pid 812 (nginx: master process)");
    }
}
