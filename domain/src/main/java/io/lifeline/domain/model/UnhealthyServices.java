package io.lifeline.domain.model;

import java.util.Map;

/** The backend answered, but the required services never all became healthy. */
public record UnhealthyServices(HealthVerdict lastVerdict) implements StartupFailure {
    public UnhealthyServices {
        if (!(lastVerdict instanceof HealthVerdict.Degraded || lastVerdict instanceof HealthVerdict.Unhealthy)) {
            throw new IllegalArgumentException("unhealthy services need a degraded or unhealthy verdict");
        }
    }

    public Map<String, String> services() {
        return lastVerdict.troubledServices();
    }

    @Override
    public FailureClass failureClass() {
        return FailureClass.UNHEALTHY_SERVICES;
    }

    @Override
    public String summary() {
        return "Backend answered but is not healthy: " + lastVerdict.describe();
    }

    @Override
    public String remedy(SettingNames settings) {
        if (services().isEmpty()) {
            return "No service is named, so the answer itself says not healthy: check that "
                    + settings.of(RemedySetting.HEALTH_PATH) + " is the backend's health endpoint, and the backend log for"
                    + " why it is not healthy";
        }
        String remedy = "Check the backend log for why these services are not healthy";
        return lastVerdict instanceof HealthVerdict.Degraded
                ? remedy + "; to accept a degraded backend set " + settings.assign(RemedySetting.ACCEPT_DEGRADED, "true")
                : remedy;
    }
}
