package io.lifeline.bootstrap;

import io.lifeline.adapter.cli.config.AppConfig;
import io.lifeline.adapter.cli.config.LifelineConfig;
import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.http.HealthAnswerReader;
import io.lifeline.adapter.http.HmacOwnershipChallenge;
import io.lifeline.adapter.http.HttpHealthProbe;
import io.lifeline.adapter.http.IetfHealthReader;
import io.lifeline.adapter.http.SpringActuatorReader;
import io.lifeline.adapter.http.StatusCodeHealthReader;
import io.lifeline.adapter.http.TcpHealthProbe;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.port.out.BackendAdapters;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.OwnershipChallenge;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each backend's own adapters, chosen from its configuration: the probe its health contract and path name, the
 * profile its command's language needs, the challenge over its health path. Made once per backend and released with
 * the run.
 */
final class ConfiguredBackendAdapters implements BackendAdapters {

    private final AppConfig app;
    private final RunResources resources;
    private final Map<BackendName, HealthProbe> probes = new ConcurrentHashMap<>();
    private final Map<BackendName, OwnershipChallenge> challenges = new ConcurrentHashMap<>();

    ConfiguredBackendAdapters(AppConfig app, RunResources resources) {
        this.app = Objects.requireNonNull(app, "app");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public HealthProbe probe(BackendName name, BackendSpec backend) {
        return probes.computeIfAbsent(name, named -> probeFor(configOf(named)));
    }

    @Override
    public BackendProfile profile(BackendName name, BackendSpec backend) {
        return LifelineModule.profileOf(backend);
    }

    @Override
    public OwnershipChallenge challenge(BackendName name, BackendSpec backend) {
        return challenges.computeIfAbsent(name, named -> {
            LifelineConfig config = configOf(named);
            HmacOwnershipChallenge challenge = new HmacOwnershipChallenge(LifelineModule.healthRequest(config),
                    config.timeouts().probeTimeout(), DaemonThreads.named("lifeline-ownership-challenge"));
            return resources.register(challenge, challenge::close);
        });
    }

    private LifelineConfig configOf(BackendName name) {
        return app.backends().stream().filter(config -> config.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named " + name + " in this app"));
    }

    /** The health contract the configuration names: one adapter per contract. */
    private HealthProbe probeFor(LifelineConfig config) {
        return switch (config.get(Settings.HEALTH)) {
            case LIFELINE -> overHttp(config, HealthAnswerReader.lifelineJson());
            case STATUS_CODE -> overHttp(config, StatusCodeHealthReader.any2xx());
            case IETF -> overHttp(config, new IetfHealthReader());
            case SPRING -> overHttp(config, new SpringActuatorReader());
            // Without health, a running backend can only be asked whether it accepts connections.
            case TCP, NONE -> {
                TcpHealthProbe probe = new TcpHealthProbe(DaemonThreads.named("lifeline-tcp-probe"));
                yield resources.register(probe, probe::close);
            }
        };
    }

    private HealthProbe overHttp(LifelineConfig config, HealthAnswerReader reader) {
        HttpHealthProbe probe = new HttpHealthProbe(LifelineModule.healthRequest(config),
                DaemonThreads.named("lifeline-health-probe"), reader);
        return resources.register(probe, probe::close);
    }
}
