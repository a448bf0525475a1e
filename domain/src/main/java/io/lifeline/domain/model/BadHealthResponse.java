package io.lifeline.domain.model;

import java.util.Objects;

/** /health answers, but what it sends is not a health report (see docs/backend-contract.md). */
public record BadHealthResponse(ProbeFailure lastAnswer) implements StartupFailure {
    public BadHealthResponse {
        Objects.requireNonNull(lastAnswer, "lastAnswer");
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.BAD_HEALTH_RESPONSE;
    }

    @Override
    public String summary() {
        return "Backend answers its health endpoint, but not with a health report: " + lastAnswer.describe();
    }

    @Override
    public String remedy(SettingNames settings) {
        return "Make the health endpoint answer as docs/backend-contract.md describes (status, services)";
    }
}
