package io.lifeline.it;

import io.lifeline.adapter.cli.config.Settings;
import io.lifeline.adapter.cli.output.ExitCode;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.PortInUse;
import io.lifeline.domain.model.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise "connected means ours" against real processes: a squatter that binds the port while the launched
 * backend boots is refused, and an attached backend proven by its process is seen to die at once.
 */
class ProvenBackendIT extends ScenarioTestBase {

    private Process byHand;

    @AfterEach
    void endWhatThisTestStarted() throws Exception {
        Fixture.end(byHand);
    }

    @Test
    void givenTheLaunchedBackend_thenConnectedNamesItsProof() throws Exception {
        StatusEvent decided = start("healthy", Map.of());

        assertThat(decided).isInstanceOfSatisfying(StatusEvent.Connected.class, connected -> assertThat(
                connected.proof()).hasValueSatisfying(proof -> assertThat(proof.proof())
                .isEqualTo(Ownership.Proof.LAUNCHED_BY_LIFELINE)));
    }

    @Test
    void givenASquatterBindsThePortWhileTheLaunchedBackendBoots_thenPortInUseNamingIt_andTheLaunchedTreeIsGone()
            throws Exception {
        int port = Fixture.freePort();
        // The squatter waits for "launching", then binds the port the launched backend announced, long before the
        // launched backend (slow-start) binds it, and answers the fixture's healthy JSON with its own pid.
        CompletableFuture<Process> squatting = CompletableFuture.supplyAsync(() -> {
            await("launching").atMost(Duration.ofSeconds(30)).until(() -> events.names().contains("launching"));
            try {
                return Fixture.startByHand("healthy", port, Map.of());
            } catch (java.io.IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });

        StatusEvent decided = start("slow-start", Map.of("FIXTURE_STARTUP_DELAY", "15"),
                Map.of(Settings.PORT, Integer.toString(port)));
        byHand = squatting.get(30, TimeUnit.SECONDS);

        assertThat(exitCodeOf(decided)).isEqualTo(ExitCode.PORT_IN_USE);
        StatusEvent.Failed failed = (StatusEvent.Failed) decided;
        PortInUse portInUse = (PortInUse) failed.cause();
        assertThat(portInUse.observation()).contains("answers in place of the backend Lifeline launched")
                .contains("pid " + byHand.pid());
        assertThat(portInUse.holder()).hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(byHand.pid()));
        assertThat(events.names()).as("never connected to the squatter").doesNotContain("connected")
                .containsOnlyOnce("launching");
        assertThat(report()).contains("kill " + byHand.pid());
        assertThat(ProcessHygiene.livingDescendants()).extracting(ProcessHandle::pid)
                .as("the launched backend's tree is stopped; the squatter is not Lifeline's").containsExactly(
                        byHand.pid());
        assertThat(tookToDecide).as("refused long before the launched backend would have bound")
                .isLessThan(Duration.ofSeconds(14));
    }

    @Test
    void givenAnAttachedBackendProvenByItsProcess_whenItIsKilled_thenDisconnectedAtOnce_andOurOwnConnects()
            throws Exception {
        int port = Fixture.freePort();
        byHand = Fixture.startByHand("healthy", port, Map.of());
        Fixture.awaitAnswering(port);

        StatusEvent decided = start("healthy", Map.of(Settings.PORT, Integer.toString(port)));
        assertThat(decided).isInstanceOfSatisfying(StatusEvent.Connected.class, connected -> {
            assertThat(connected.attached()).isTrue();
            assertThat(connected.proof()).hasValueSatisfying(proof -> assertThat(proof.proof())
                    .isEqualTo(Ownership.Proof.STARTED_BY_HAND));
        });
        long killed = byHand.pid();
        Instant kill = Instant.now();
        byHand.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        await("disconnected").atMost(Duration.ofSeconds(10)).until(() -> events.names().contains("disconnected"));
        Duration noticed = Duration.between(kill, Instant.now());
        await("our own backend connected").atMost(Duration.ofSeconds(30))
                .until(() -> events.all(StatusEvent.Connected.class).size() == 2);

        assertThat(noticed).as("its exit is watched, not found by three liveness probes 5 s apart")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(events.all(StatusEvent.Disconnected.class).get(0).pid()).hasValue(killed);
        StatusEvent.Connected ours = events.all(StatusEvent.Connected.class).get(1);
        assertThat(ours.attached()).isFalse();
        assertThat(ours.pid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(killed));
    }
}
