package io.lifeline.domain.service;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BadHealthResponse;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.FailureClass;
import io.lifeline.domain.model.HealthTimeout;
import io.lifeline.domain.model.HealthVerdict;
import io.lifeline.domain.model.PortMismatch;
import io.lifeline.domain.model.ProbeFailure;
import io.lifeline.domain.model.StartupFailure;
import io.lifeline.domain.model.TimeoutPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.lifeline.domain.testing.FlagNames.FLAGS;
import static org.assertj.core.api.Assertions.assertThat;

/** What a deadline means, read from the last probe and the backend's own output. */
class FailureClassifierTimeoutTest {

    private static final Endpoint EXPECTED = new Endpoint("127.0.0.1", 8000);
    private static final List<String> UVICORN_ON_8001 = List.of(
            "INFO:     Started server process [4242]",
            "INFO:     Uvicorn running on http://127.0.0.1:8001 (Press CTRL+C to quit)");

    private final FailureClassifier classifier = new FailureClassifier(BackendProfile.GENERIC);

    @ParameterizedTest
    @EnumSource(value = ProbeFailure.Kind.class, names = {"NOT_JSON", "WRONG_SHAPE", "TOO_LARGE", "ERROR_STATUS"})
    void givenLastAnswerNotAHealthReport_whenTimingOut_thenBadHealthResponseQuotingTheBody(ProbeFailure.Kind kind) {
        ProbeFailure answer = new ProbeFailure(kind, "answered HTTP 200 with a body that is not JSON", "<html>oops");

        StartupFailure failure = classify(Optional.of(new HealthVerdict.Unreachable(answer)), List.of());

        assertThat(failure).isEqualTo(new BadHealthResponse(answer));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.summary()).contains("(body starts: <html>oops)");
    }

    @Test
    void givenNothingAnsweredAndOutputShowsAnotherPort_whenTimingOut_thenPortMismatchNamingBothPorts() {
        StartupFailure failure = classify(Optional.of(refused()), UVICORN_ON_8001);

        assertThat(failure.failureClass()).isEqualTo(FailureClass.PORT_MISMATCH);
        assertThat(failure.retryable()).isFalse();
        PortMismatch mismatch = (PortMismatch) failure;
        assertThat(mismatch.listeningPort()).isEqualTo(8001);
        assertThat(failure.summary()).contains("port 8000").contains("port 8001");
        assertThat(failure.remedy(FLAGS)).contains("--port 8001");
        assertThat(failure.details()).singleElement().asString().contains("Uvicorn running on http://127.0.0.1:8001");
    }

    @Test
    void givenNoProbeCompletedAndOutputShowsAnotherPort_whenTimingOut_thenPortMismatch() {
        assertThat(classify(Optional.empty(), UVICORN_ON_8001).failureClass()).isEqualTo(FailureClass.PORT_MISMATCH);
    }

    @Test
    void givenOutputShowsTheExpectedPort_whenTimingOut_thenPlainHealthTimeout() {
        List<String> output = List.of("INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)");

        assertThat(classify(Optional.of(refused()), output)).isInstanceOf(HealthTimeout.class);
    }

    @Test
    void givenProbesTimedOutOnTheExpectedPort_whenTimingOut_thenHealthTimeoutEvenIfOutputNamesAnotherPort() {
        HealthVerdict timedOut = new HealthVerdict.Unreachable(ProbeFailure.of(ProbeFailure.Kind.TIMEOUT,
                "no answer within 5s"));

        StartupFailure failure = classify(Optional.of(timedOut), UVICORN_ON_8001);

        assertThat(failure).isInstanceOf(HealthTimeout.class);
        assertThat(failure.summary()).contains("no answer within 5s");
    }

    private StartupFailure classify(Optional<HealthVerdict> last, List<String> output) {
        return classifier.classifyTimeout(TimeoutPolicy.DEFAULT, last, output, Optional.of(EXPECTED));
    }

    private static HealthVerdict refused() {
        return new HealthVerdict.Unreachable(ProbeFailure.of(ProbeFailure.Kind.CONNECTION_REFUSED,
                "connection refused by 127.0.0.1:8000"));
    }
}
