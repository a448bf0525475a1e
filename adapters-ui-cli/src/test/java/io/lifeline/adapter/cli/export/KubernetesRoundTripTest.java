package io.lifeline.adapter.cli.export;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.LivenessPolicy;
import io.lifeline.domain.model.TimeoutPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipe app exported and read back into fabric8's model: every setting of every backend is found in the objects,
 * derived from the backends themselves, so a setting that the export starts dropping fails here.
 */
class KubernetesRoundTripTest {

    private final io.lifeline.adapter.cli.export.Deployment app = ExportTestData.app();
    private final Rendering rendering = new KubernetesTarget().render(app);
    private final String text = rendering.files().get(0).content();
    private final List<HasMetadata> objects = KubernetesValidator.objects(text);

    @Test
    void everyLongRunningBackendIsADeploymentOfItsImageAndCommand_andAServiceOnItsPortWhenItListens() {
        for (DeployedBackend backend : app.backends()) {
            if (backend.job()) {
                assertThat(find(Deployment.class, backend)).as(backend.name() + " runs in its dependants").isEmpty();
                continue;
            }
            Container container = main(backend);
            assertThat(container.getImage()).isEqualTo(backend.image().orElseThrow());
            assertThat(container.getCommand()).isEqualTo(Placeholders.fill(app, backend, "0.0.0.0", "python"));
            assertThat(pod(backend).getTerminationGracePeriodSeconds())
                    .isEqualTo(WholeSeconds.ceil(backend.stopGrace()));
            assertThat(find(Deployment.class, backend).orElseThrow().getSpec().getReplicas()).isEqualTo(1);
            Optional<Service> service = find(Service.class, backend);
            if (backend.listens()) {
                int port = backend.endpoint().port();
                assertThat(container.getPorts()).singleElement()
                        .satisfies(each -> assertThat(each.getContainerPort()).isEqualTo(port));
                assertThat(service.orElseThrow().getSpec().getPorts()).singleElement().satisfies(each -> {
                    assertThat(each.getPort()).isEqualTo(port);
                    assertThat(each.getTargetPort().getIntVal()).isEqualTo(port);
                });
                assertThat(service.get().getSpec().getSelector()).isEqualTo(find(Deployment.class, backend)
                        .orElseThrow().getSpec().getSelector().getMatchLabels());
            } else {
                assertThat(service).as(backend.name() + " listens nowhere").isEmpty();
            }
        }
    }

    /** healthTimeout for the kubelet's own checks; an exec probe's program is given its start on top. */
    private static long timeoutSeconds(Probe probe, TimeoutPolicy timeouts) {
        return WholeSeconds.ceil(probe.getExec() != null ? HealthCheck.programTimeout(timeouts.probeTimeout())
                : timeouts.probeTimeout());
    }

    @Test
    void theStartupProbeCoversStartupTimeout_andReadinessAndLivenessFollowTheLivenessSettings() {
        for (DeployedBackend backend : app.backends()) {
            if (backend.job()) {
                continue;
            }
            Container container = main(backend);
            if (backend.check().contract() == HealthContract.NONE) {
                assertThat(List.of(Optional.ofNullable(container.getStartupProbe()),
                        Optional.ofNullable(container.getReadinessProbe()),
                        Optional.ofNullable(container.getLivenessProbe()))).allMatch(Optional::isEmpty);
                continue;
            }
            TimeoutPolicy timeouts = backend.timeouts();
            Probe startup = container.getStartupProbe();
            long covered = (long) startup.getFailureThreshold() * startup.getPeriodSeconds();
            assertThat(Duration.ofSeconds(covered)).isGreaterThanOrEqualTo(timeouts.startupTimeout())
                    .isLessThan(timeouts.startupTimeout().plusSeconds(startup.getPeriodSeconds()));
            assertThat(startup.getPeriodSeconds()).isEqualTo(WholeSeconds.ceil(timeouts.probeInterval()));
            assertThat(startup.getTimeoutSeconds()).isEqualTo(timeoutSeconds(startup, timeouts));
            assertThat(startup.getSuccessThreshold()).isEqualTo(1);
            handler(backend, startup);
            LivenessPolicy liveness = backend.supervision().liveness();
            assertThat(liveness.enabled()).isTrue();
            for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(probe.getPeriodSeconds()).isEqualTo(WholeSeconds.ceil(liveness.interval()));
                assertThat(probe.getTimeoutSeconds()).isEqualTo(timeoutSeconds(probe, timeouts));
                assertThat(probe.getFailureThreshold()).isEqualTo(liveness.failureThreshold());
                assertThat(probe.getSuccessThreshold()).isEqualTo(1);
                handler(backend, probe);
            }
        }
    }

    @Test
    void everyDependencyIsAnInitContainer_aJobRunningItself_aHealthyOneWaitingForItsServiceAndTimeout() {
        for (DeployedBackend backend : app.backends()) {
            if (backend.job()) {
                continue;
            }
            Map<String, Container> init = pod(backend).getInitContainers().stream()
                    .collect(Collectors.toMap(Container::getName, container -> container));
            assertThat(init).hasSameSizeAs(backend.dependsOn());
            for (Dependency dependency : backend.dependsOn()) {
                DeployedBackend on = backend(dependency.on());
                if (dependency.condition() == DependencyCondition.COMPLETED) {
                    Container job = init.get(on.name().value());
                    assertThat(job.getImage()).isEqualTo(on.image().orElseThrow());
                    assertThat(job.getCommand()).isEqualTo(Placeholders.fill(app, on, "0.0.0.0", "python"));
                    continue;
                }
                Container wait = init.get("wait-" + on.name());
                assertThat(wait.getImage()).isEqualTo(on.image().orElseThrow());
                // Without a timeout of its own: the dependency's whole start, its retry waits at their longest.
                Duration timeout = dependency.timeout().orElse(on.timeouts().startupTimeout()
                        .multipliedBy(on.retry().maxAttempts()).plus(on.retry().delayAfter(1, 1.0))
                        .plus(on.retry().delayAfter(2, 1.0)));
                assertThat(wait.getCommand()).hasSize(3).startsWith("python", "-c");
                assertThat(wait.getCommand().get(2))
                        .contains("http://app-" + on.name() + ":" + on.endpoint().port() + on.check().path())
                        .contains("deadline=time.monotonic()+" + timeout.toMillis() / 1000.0);
            }
        }
    }

    @Test
    void theEnvironmentIsTheBackendsPlusItsAddress_secretsComeFromASecret_andNoValueOrLifelineVariableIsWritten() {
        for (DeployedBackend backend : app.backends()) {
            Container container = backend.job() ? initContainerRunning(backend) : main(backend);
            Map<String, EnvVar> env = container.getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, each -> each));
            backend.env().forEach((name, value) -> assertThat(env.get(name).getValue()).isEqualTo(value));
            Placeholders.contractEnv(backend, "0.0.0.0")
                    .forEach((name, value) -> assertThat(env.get(name).getValue()).isEqualTo(value));
            for (String secret : backend.secretEnv()) {
                assertThat(env.get(secret).getValue()).isNull();
                assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("app-" + backend.name() + "-secrets");
                assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getKey()).isEqualTo(secret);
                assertThat(text).contains("--from-env-file=app-" + backend.name() + ".env");
                assertThat(rendering.files()).anySatisfy(file -> assertThat(file.name())
                        .isEqualTo("app-" + backend.name() + ".env.example"));
            }
            assertThat(env.keySet()).noneMatch(name -> name.startsWith("LIFELINE_"));
        }
        assertThat(text).doesNotContain("LIFELINE_");
    }

    @Test
    void everyLossIsACommentOfTheFile() {
        assertThat(rendering.losses()).isNotEmpty();
        for (Loss loss : rendering.losses()) {
            assertThat(text).contains("# lost: " + loss.describe() + "\n");
        }
    }

    private void handler(DeployedBackend backend, Probe probe) {
        switch (backend.check().contract()) {
            case TCP -> assertThat(probe.getTcpSocket().getPort().getIntVal()).isEqualTo(backend.endpoint().port());
            case STATUS_CODE -> assertThat(probe.getHttpGet().getPath()).isEqualTo(backend.check().path());
            default -> {
                assertThat(probe.getHttpGet()).as("a JSON check is never weakened to a status code").isNull();
                assertThat(probe.getExec().getCommand()).startsWith("python", "-c");
                assertThat(probe.getExec().getCommand().get(2)).contains("127.0.0.1:" + backend.endpoint().port());
            }
        }
    }

    private Container initContainerRunning(DeployedBackend job) {
        return app.backends().stream().filter(other -> other.dependencyNames().contains(job.name()))
                .map(other -> pod(other).getInitContainers().stream()
                        .filter(container -> container.getName().equals(job.name().value())).findFirst()
                        .orElseThrow())
                .findFirst().orElseThrow();
    }

    private Container main(DeployedBackend backend) {
        return pod(backend).getContainers().stream()
                .filter(container -> container.getName().equals(backend.name().value())).findFirst().orElseThrow();
    }

    private PodSpec pod(DeployedBackend backend) {
        return find(Deployment.class, backend).orElseThrow().getSpec().getTemplate().getSpec();
    }

    private DeployedBackend backend(BackendName name) {
        return app.backends().stream().filter(backend -> backend.name().equals(name)).findFirst().orElseThrow();
    }

    private <T extends HasMetadata> Optional<T> find(Class<T> kind, DeployedBackend backend) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals("app-" + backend.name())).findFirst();
    }
}
