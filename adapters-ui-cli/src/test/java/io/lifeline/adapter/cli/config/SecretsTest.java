package io.lifeline.adapter.cli.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"API_TOKEN", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "STRIPE_KEY", "api-key", "APIKEY",
            "SSH_KEYS", "KEY", "Authorization", "SESSION_ID", "JWT_SIGNATURE", "PRIVATE_PEM", "db.password"})
    void givenASecretLookingName_thenItsValueIsMasked(String name) {
        assertThat(Secrets.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"APP_MODE", "WORKERS", "PORT", "MONKEY_COUNT", "KEYBOARD_LAYOUT", "LOG_LEVEL"})
    void givenAnOrdinaryName_thenItsValueIsShown(String name) {
        assertThat(Secrets.looksSecret(name)).isFalse();
    }
}
