package io.lifeline.adapter.cli.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"API_TOKEN", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "STRIPE_KEY", "api-key", "APIKEY",
            "SSH_KEYS", "KEY", "Authorization", "SESSION_ID", "JWT_SIGNATURE", "PRIVATE_PEM", "db.password", "DB_PASS",
            "GPG_PASSPHRASE", "JWT", "SENTRY_DSN"})
    void givenASecretLookingName_thenItsValueIsMasked(String name) {
        assertThat(Secrets.looksSecret(name)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void givenAUrlWithAPassword_thenOnlyThePasswordIsMasked() {
        assertThat(Secrets.shown("DATABASE_URL", "postgres://app:s3cret@db:5432/app?x=1"))
                .isEqualTo("postgres://app:***@db:5432/app?x=1");
        assertThat(Secrets.shown("UPSTREAM", "http://host:8080/path")).isEqualTo("http://host:8080/path");
        assertThat(Secrets.shown("API_TOKEN", "abc")).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"APP_MODE", "WORKERS", "PORT", "MONKEY_COUNT", "KEYBOARD_LAYOUT", "LOG_LEVEL"})
    void givenAnOrdinaryName_thenItsValueIsShown(String name) {
        assertThat(Secrets.looksSecret(name)).isFalse();
    }
}
