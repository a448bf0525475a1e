package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.lifeline.adapter.cli.config.HealthContract;
import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine that runs the health check as a program gives it healthTimeout and its start
 * ({@link HealthCheck#PROGRAM_START_MARGIN}): with {@code healthTimeout: 150ms}, the check of a healthy backend, a
 * real Python process here, ends within what the engine waits. The engines' own checks (httpGet) keep healthTimeout.
 */
class CheckTimeoutTest {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(150);
    private static final YAMLMapper YAML = new YAMLMapper();

    private HttpServer server;

    @BeforeEach
    void startAHealthyBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = ("{\"status\":\"healthy\",\"service\":\"lifeline-fixture\",\"services\":{\"cache\":"
                    + "\"healthy\",\"database\":\"healthy\",\"websocket\":\"healthy\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopIt() {
        server.stop(0);
    }

    @Test
    void givenAHealthTimeoutOf150ms_whenComposeRunsTheCheck_thenItsTimeoutCoversTheProgramsStart() throws Exception {
        JsonNode healthcheck = YAML.readTree(new ComposeTarget().render(ExportTestData.deployment(api()))
                .files().get(0).content()).at("/services/api/healthcheck");

        assertThat(healthcheck.get("timeout").asText()).isEqualTo("2s150ms");
        List<String> test = new ArrayList<>();
        healthcheck.get("test").forEach(word -> test.add(word.asText()));
        // the image's python is this machine's python3; the URL is the published port, as in the container
        List<String> argv = new ArrayList<>(test.subList(1, test.size()));
        argv.set(0, "python3");
        assertThat(runsWithin(argv, Duration.ofMillis(2150))).as("the check of a healthy backend, within compose's"
                + " timeout").isZero();
    }

    @Test
    void givenAHealthTimeoutOf150ms_whenKubernetesProbes_thenAnExecProbeCoversTheProgramsStart_andHttpGetDoesNot() {
        Container exec = main(new KubernetesTarget().render(ExportTestData.deployment(api())));
        Container httpGet = main(new KubernetesTarget().render(ExportTestData.deployment(api()
                .withCheck(ExportTestData.contract(HealthContract.STATUS_CODE)))));

        assertThat(exec.getStartupProbe().getTimeoutSeconds()).isEqualTo(3);
        assertThat(exec.getLivenessProbe().getTimeoutSeconds()).isEqualTo(3);
        assertThat(httpGet.getStartupProbe().getTimeoutSeconds()).isEqualTo(1);
        assertThat(httpGet.getReadinessProbe().getTimeoutSeconds()).isEqualTo(1);
    }

    @Test
    void givenAHealthTimeoutOf150ms_whenProcessComposeProbes_thenItsTimeoutCoversTheProgramsStart() throws Exception {
        DeployedBackend api = api();
        JsonNode probe = YAML.readTree(new ProcessComposeTarget().render(ExportTestData.deployment(api))
                .files().get(0).content()).at("/processes/api/readiness_probe");

        assertThat(probe.get("timeout_seconds").asInt()).isEqualTo(3);
        assertThat(runsWithin(List.of("bash", "-c", probe.at("/exec/command").asText()), Duration.ofSeconds(3)))
                .as("the probe of a healthy backend, within process-compose's timeout").isZero();
    }

    /** The api of the recipe app, answering on the test's server, with healthTimeout 150ms. */
    private DeployedBackend api() {
        DeployedBackend api = ExportTestData.api().withDependsOn(List.of())
                .withTimeouts(ExportTestData.api().timeouts().withProbeTimeout(HEALTH_TIMEOUT));
        return new DeployedBackend(api.name(), api.command(), api.workingDir(), api.env(), api.secretEnv(),
                new Endpoint("127.0.0.1", server.getAddress().getPort()), api.listens(), api.job(), api.check(),
                api.timeouts(), api.retry(), api.supervision(), api.stopGrace(), api.dependsOn(),
                Optional.of(Path.of("/usr/bin/python3")), api.image(), api.buildContext());
    }

    private static Container main(Rendering rendering) {
        return KubernetesValidator.objects(rendering.files().get(0).content()).stream()
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The exit code of the command, failing the test when it does not end within {@code limit}. */
    private static int runsWithin(List<String> command, Duration limit) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ended).as("%s ended within %s", command.get(0), limit).isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
