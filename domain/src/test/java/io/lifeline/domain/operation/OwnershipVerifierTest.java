package io.lifeline.domain.operation;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.Ownership.Proof;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortListener;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.OwnershipChallenge;
import io.lifeline.domain.port.out.OwnershipChallenge.Answer;
import io.lifeline.domain.port.out.PortOwnerLookup;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Each proof, and each refusal, from the facts the ports report. */
class OwnershipVerifierTest {

    private static final Endpoint ENDPOINT = Endpoint.DEFAULT;
    private static final Path HOME = Path.of("/srv/app");
    private static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");
    private static final StartBackendCommand COMMAND = StartBackendCommand.withDefaults(new BackendSpec(HOME,
            List.of("{interpreter}", "main.py", "--port", "{port}"), List.of(), Optional.empty()))
            .withAttach(io.lifeline.domain.model.AttachPolicy.VERIFIED);
    private static final List<String> SERVING = List.of("/srv/app/.venv/bin/python3", "main.py", "--port", "8000");

    private Optional<LaunchRecord> record = Optional.empty();
    private Optional<PortHolder> holder = Optional.empty();
    private final Map<Long, ProcessFacts> processes = new HashMap<>();
    private Answer challengeAnswer = Answer.NONE;
    private final List<String> secretsAsked = new ArrayList<>();

    /** What the OS says listens, beyond a holder it names; empty: what the holder says (held, or cannot tell). */
    private Optional<PortListener> listening = Optional.empty();

    private final PortOwnerLookup portOwners = new PortOwnerLookup() {
        @Override
        public Optional<PortHolder> holderOf(Endpoint endpoint) {
            return holder;
        }

        @Override
        public PortListener listenerOf(Endpoint endpoint, long likelyPid) {
            return listening.orElseGet(() -> PortOwnerLookup.super.listenerOf(endpoint, likelyPid));
        }
    };

    private final OwnershipVerifier verifier = new OwnershipVerifier(endpoint -> record, portOwners,
            pid -> Optional.ofNullable(processes.get(pid)), (endpoint, secret) -> {
                secretsAsked.add(secret);
                return CompletableFuture.completedFuture(challengeAnswer);
            }, BackendProfile.GENERIC);

    @Test
    void givenTheRecordNamesTheListener_sameStart_thenLaunchedByLifeline() {
        listener(500, SERVING, HOME, List.of(1L));
        record = Optional.of(new LaunchRecord(500, Optional.of(STARTED), ENDPOINT, HOME, "s3cret"));

        assertThat(verify(OptionalLong.of(500))).isEqualTo(new Ownership.Proven(Proof.LAUNCHED_BY_LIFELINE,
                "pid 500 in the launch record", Optional.of(processes.get(500L))));
        assertThat(secretsAsked).as("no challenge needed").isEmpty();
    }

    @Test
    void givenTheRecordNamesTheListenersParent_thenLaunchedByLifelineToo() {
        processes.put(400L, new ProcessFacts(400, Optional.of(STARTED), List.of("sh", "run.sh"), Optional.of(HOME),
                List.of(1L)));
        listener(500, List.of("node", "server.js"), Path.of("/elsewhere"), List.of(400L, 1L));
        record = Optional.of(new LaunchRecord(400, Optional.of(STARTED), ENDPOINT, HOME, "s3cret"));

        assertThat(verify(OptionalLong.empty())).isInstanceOfSatisfying(Ownership.Proven.class, proven ->
                assertThat(proven.detail()).isEqualTo("pid 400 in the launch record, parent of the listener 500"));
    }

    @Test
    void givenARecordWhosePidWasReused_thenNoLaunchProof_andTheChallengeDecides() {
        listener(500, List.of("nginx"), Path.of("/"), List.of(1L));
        record = Optional.of(new LaunchRecord(500, Optional.of(STARTED.minusSeconds(60)), ENDPOINT, HOME, "s3cret"));

        Ownership refused = verify(OptionalLong.empty());
        challengeAnswer = Answer.PROVEN;
        Ownership proven = verify(OptionalLong.empty());

        assertThat(refused).isInstanceOfSatisfying(Ownership.Refused.class, no -> assertThat(no.reason())
                .isEqualTo("pid 500 (in /) is neither a backend Lifeline launched nor the configured command started"
                        + " by hand: the launch record's process does not listen there and the backend did not answer"
                        + " the challenge"));
        assertThat(proven).as("the listener that answered is the process to watch").isEqualTo(new Ownership.Proven(
                Proof.CHALLENGE_ANSWERED, "the recorded secret of pid 500", Optional.of(processes.get(500L))));
        assertThat(secretsAsked).containsExactly("s3cret", "s3cret");
    }

    @Test
    void givenTheConfiguredCommandFromTheConfiguredFolder_thenStartedByHand() {
        listener(600, SERVING, HOME, List.of(1L));

        assertThat(verify(OptionalLong.of(600))).isEqualTo(new Ownership.Proven(Proof.STARTED_BY_HAND,
                "pid 600 (/srv/app/.venv/bin/python3 main.py --port 8000) in /srv/app",
                Optional.of(processes.get(600L))));
    }

    @Test
    void givenTheConfiguredCommandFromAnotherFolder_thenRefusedAsStale_namingBothFolders() {
        listener(600, SERVING, Path.of("/home/me/old-checkout"), List.of(1L));

        assertThat(verify(OptionalLong.empty())).isEqualTo(new Ownership.Refused("stale: it runs the configured"
                + " program from /home/me/old-checkout, not from /srv/app (another checkout or an older build?)",
                holder, true));
    }

    @Test
    void givenAHealthAnswerNamingAPidThatIsNotTheListenerNorItsKin_thenRefused() {
        listener(600, SERVING, HOME, List.of(1L));
        processes.put(700L, new ProcessFacts(700, Optional.empty(), List.of("bash"), Optional.empty(), List.of(1L)));

        assertThat(verify(OptionalLong.of(999_999))).isInstanceOfSatisfying(Ownership.Refused.class, no ->
                assertThat(no.reason()).isEqualTo("its health answer names pid 999999, but pid 600 (in /srv/app)"
                        + " listens on the port"));
        assertThat(verify(OptionalLong.of(700))).isInstanceOf(Ownership.Refused.class);
        processes.put(601L, new ProcessFacts(601, Optional.empty(), List.of("worker"), Optional.empty(),
                List.of(600L, 1L)));
        assertThat(verify(OptionalLong.of(601))).as("the listener's child may answer for it")
                .isInstanceOf(Ownership.Proven.class);
    }

    @Test
    void givenTheOsDoesNotSayWhoListens_thenOnlyTheChallengeCanProveIt_andTheRefusalSaysSo() {
        Ownership withoutRecord = verify(OptionalLong.empty());
        record = Optional.of(new LaunchRecord(500, Optional.empty(), ENDPOINT, HOME, "s3cret"));
        challengeAnswer = Answer.WRONG;
        Ownership wrongProof = verify(OptionalLong.empty());

        assertThat(withoutRecord).isInstanceOfSatisfying(Ownership.Refused.class, no -> assertThat(no.reason())
                .startsWith("the operating system does not say who listens on the port (not Linux, or another"
                        + " user's process), so only the challenge could prove it is ours, and no launch record"));
        assertThat(wrongProof).isInstanceOfSatisfying(Ownership.Refused.class, no -> assertThat(no.reason())
                .endsWith("it answered the challenge with a wrong proof" + OwnershipVerifier.OLD_HANDSHAKE));
    }

    @Test
    void givenAnExpectedVersion_thenABackendReportingAnotherIsRefusedAsStale_evenIfLifelineLaunchedIt() {
        listener(500, SERVING, HOME, List.of(1L));
        record = Optional.of(new LaunchRecord(500, Optional.of(STARTED), ENDPOINT, HOME, "s3cret"));
        StartBackendCommand expecting = COMMAND.withBackend(COMMAND.backend().withExpectedVersion(Optional.of("2.0")));
        HealthReport old = new HealthReport(HealthReport.Answer.SUCCESS, "healthy", Map.of(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of("1.9"));
        HealthReport current = new HealthReport(HealthReport.Answer.SUCCESS, "healthy", Map.of(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of("2.0"));

        assertThat(verifier.verify(expecting, old).toCompletableFuture().join()).isEqualTo(new Ownership.Refused(
                "stale: it reports version 1.9, but 2.0 is expected", holder, true));
        assertThat(verifier.verify(expecting, current).toCompletableFuture().join())
                .isInstanceOf(Ownership.Proven.class);
    }

    @Test
    void givenARecordOfARunForAnotherFolder_thenStale_notOurs() {
        listener(500, SERVING, Path.of("/home/me/checkout-a"), List.of(1L));
        record = Optional.of(new LaunchRecord(500, Optional.of(STARTED), ENDPOINT, Path.of("/home/me/checkout-a"),
                "s3cret"));

        assertThat(verify(OptionalLong.empty())).isEqualTo(new Ownership.Refused("stale: a Lifeline run launched it"
                + " for /home/me/checkout-a, not for /srv/app (another checkout or an older build?)", holder, true));
    }

    @Test
    void givenARecordOfAnotherPort_linkedOrCopiedHere_thenItProvesNothing_andItsSecretIsNotAsked() {
        listener(500, List.of("nginx"), Path.of("/"), List.of(1L));
        processes.put(500L, new ProcessFacts(500, Optional.of(STARTED), List.of("nginx"), Optional.of(Path.of("/")),
                List.of(1L)));
        record = Optional.of(new LaunchRecord(500, Optional.of(STARTED), new Endpoint("127.0.0.1", 9001), HOME,
                "s3cret"));
        challengeAnswer = Answer.PROVEN;

        assertThat(verify(OptionalLong.empty())).isInstanceOfSatisfying(Ownership.Refused.class, no ->
                assertThat(no.reason()).endsWith("no launch record names it"));
        assertThat(secretsAsked).as("a relayed challenge must not prove another port's record").isEmpty();
    }

    @Test
    void givenARecordWithoutAStartTime_thenItsLivePidProvesNothing() {
        listener(500, List.of("nginx"), Path.of("/"), List.of(1L));
        record = Optional.of(new LaunchRecord(500, Optional.empty(), ENDPOINT, HOME, "s3cret"));

        assertThat(verify(OptionalLong.empty())).as("the pid may be reused").isInstanceOf(Ownership.Refused.class);
    }

    @Test
    void givenTheLaunchedProcessListens_thenTheLaunchIsProven_andItsProcessIsNamedForTheWatch() {
        listener(500, SERVING, HOME, List.of(1L));

        assertThat(proveLaunched(500)).isEqualTo(new Ownership.Proven(Proof.LAUNCHED_BY_LIFELINE,
                "pid 500 listens on the port", Optional.of(processes.get(500L))));
        assertThat(secretsAsked).isEmpty();
    }

    @Test
    void givenAChildOfTheLaunchedProcessListens_thenTheLaunchIsProven() {
        listener(501, SERVING, HOME, List.of(500L, 1L));

        assertThat(proveLaunched(500)).isInstanceOfSatisfying(Ownership.Proven.class, proven -> assertThat(
                proven.detail()).isEqualTo("pid 501, a child of the launched pid 500, listens on the port"));
    }

    @Test
    void givenASquatterListens_thenTheLaunchIsRefused_namingIt() {
        listener(777, List.of("python3", "squat.py"), Path.of("/tmp"), List.of(1L));

        assertThat(proveLaunched(500)).isEqualTo(new Ownership.Refused("pid 777 (python3 squat.py) listens on the"
                + " port, not the launched backend (pid 500) or a child of it", holder, false));
        assertThat(secretsAsked).as("it was asked, and could not answer").containsExactly("run-secret");
    }

    @Test
    void givenAListenerThatIsNotItsChild_butAnswersWithTheRunsSecret_thenProven_asABackendBehindAProxy() {
        listener(777, List.of("docker-proxy", "-host-port", "8000"), Path.of("/"), List.of(1L));
        challengeAnswer = Answer.PROVEN;

        assertThat(proveLaunched(500)).isInstanceOfSatisfying(Ownership.Proven.class, proven ->
                assertThat(proven.proof()).isEqualTo(Proof.CHALLENGE_ANSWERED));
    }

    @Test
    void givenAnotherUsersSocket_thenTheLaunchIsRefused_namingTheUid() {
        listening = Optional.of(new PortListener.OtherUser(1001));

        assertThat(proveLaunched(500)).isEqualTo(new Ownership.Refused("a process of another user (uid 1001)"
                + " listens on the port, not the launched backend (pid 500)", Optional.empty(), false));
    }

    @Test
    void givenNoListeningSocketOnTheHost_thenOnlyTheChallengeCanProveIt_elseUnproven() {
        // Docker without its userland proxy forwards the port by firewall rules: nothing listens on the host.
        listening = Optional.of(new PortListener.Nobody());
        challengeAnswer = Answer.PROVEN;
        Ownership answered = proveLaunched(500);
        challengeAnswer = Answer.NONE;
        Ownership silent = proveLaunched(500);

        assertThat(answered).isInstanceOfSatisfying(Ownership.Proven.class, proven ->
                assertThat(proven.proof()).isEqualTo(Proof.CHALLENGE_ANSWERED));
        assertThat(silent).isInstanceOf(Ownership.Unproven.class);
    }

    @Test
    void givenTheLaunchedProcessListens_butTheAnswerNamesAnotherProcess_thenRefused_theAnswerWasNotItsOwn() {
        listener(500, SERVING, HOME, List.of(1L));
        processes.put(777L, new ProcessFacts(777, Optional.of(STARTED), List.of("python3", "squat.py"),
                Optional.empty(), List.of(1L)));
        processes.put(501L, new ProcessFacts(501, Optional.of(STARTED), List.of("worker"), Optional.empty(),
                List.of(500L, 1L)));

        Ownership squatters = verifier.proveLaunched(COMMAND, 500, report(OptionalLong.of(777)))
                .toCompletableFuture().join();
        Ownership gone = verifier.proveLaunched(COMMAND, 500, report(OptionalLong.of(999))).toCompletableFuture()
                .join();
        Ownership itsWorker = verifier.proveLaunched(COMMAND, 500, report(OptionalLong.of(501)))
                .toCompletableFuture().join();

        assertThat(squatters).isInstanceOfSatisfying(Ownership.Refused.class, no -> assertThat(no.reason())
                .startsWith("its health answer names pid 777 (python3 squat.py)"));
        assertThat(gone).isInstanceOfSatisfying(Ownership.Refused.class, no -> assertThat(no.reason())
                .startsWith("its health answer names pid 999, which does not run"));
        assertThat(itsWorker).as("a child of the launched backend may answer for it")
                .isInstanceOf(Ownership.Proven.class);
    }

    @Test
    void givenTheOsDoesNotSayWhoListens_thenTheRunsSecretDecides() {
        challengeAnswer = Answer.PROVEN;
        Ownership answered = proveLaunched(500);
        challengeAnswer = Answer.WRONG;
        Ownership wrong = proveLaunched(500);
        challengeAnswer = Answer.NONE;
        Ownership silent = proveLaunched(500);

        assertThat(answered).isEqualTo(new Ownership.Proven(Proof.CHALLENGE_ANSWERED, "this run's secret, given to"
                + " pid 500"));
        assertThat(wrong).isInstanceOf(Ownership.Refused.class);
        assertThat(silent).as("said, never claimed").isEqualTo(new Ownership.Proven(Proof.NONE,
                "launched as pid 500"));
        assertThat(secretsAsked).containsExactly("run-secret", "run-secret", "run-secret");
    }

    @Test
    void givenNoRunSecret_andTheOsDoesNotSay_thenProofNone_withoutAChallenge() {
        StartBackendCommand withoutSecret = COMMAND;

        Ownership ownership = verifier.proveLaunched(withoutSecret, 500, report(OptionalLong.empty()))
                .toCompletableFuture().join();

        assertThat(ownership).isEqualTo(new Ownership.Proven(Proof.NONE, "launched as pid 500"));
        assertThat(secretsAsked).isEmpty();
    }

    @Test
    void stillRuns_onlyWhileThePidHasTheSameStartTime() {
        listener(500, SERVING, HOME, List.of(1L));
        ProcessFacts watched = processes.get(500L);

        boolean whileRunning = verifier.stillRuns(watched);
        processes.put(500L, new ProcessFacts(500, Optional.of(STARTED.plusSeconds(5)), List.of("other"),
                Optional.empty(), List.of(1L)));
        boolean reused = verifier.stillRuns(watched);
        processes.remove(500L);
        boolean gone = verifier.stillRuns(watched);

        assertThat(whileRunning).isTrue();
        assertThat(reused).isFalse();
        assertThat(gone).isFalse();
    }

    @Test
    void givenTheConfiguredScriptOnlyLaterInTheArguments_thenNotTheConfiguredCommand() {
        listener(600, List.of("/usr/bin/python3", "tool.py", "--input", "main.py"), HOME, List.of(1L));

        assertThat(verify(OptionalLong.empty())).isInstanceOf(Ownership.Refused.class);
    }

    @Test
    void runsCommand_comparesTheProgramAndTheHeadInPlace_notOptionsOrPlaceholders() {
        BackendProfile profile = BackendProfile.GENERIC;

        assertThat(profile.runsCommand(List.of("uvicorn", "main:app", "--port", "{port}"),
                List.of("/srv/.venv/bin/python", "/srv/.venv/bin/uvicorn", "main:app", "--port", "8000"))).isTrue();
        assertThat(profile.runsCommand(List.of("uvicorn", "main:app", "--port", "{port}"),
                List.of("/srv/.venv/bin/uvicorn", "other:app"))).isFalse();
        assertThat(profile.runsCommand(List.of("{interpreter}", "-m", "uvicorn", "app:app"),
                List.of("python3", "-m", "uvicorn", "app:app", "--reload"))).isTrue();
        assertThat(profile.runsCommand(List.of("{interpreter}", "-m", "uvicorn", "app:app"),
                List.of("python3", "-m", "uvicorn", "billing:app"))).isFalse();
        assertThat(profile.runsCommand(List.of("node", "server.js", "--port", "{port}"), List.of("node",
                "/srv/app/server.js"))).as("a path to the same script").isTrue();
        assertThat(profile.runsCommand(List.of("node", "server.js"), List.of("deno", "server.js"))).isFalse();
    }

    private void listener(long pid, List<String> argv, Path dir, List<Long> ancestors) {
        holder = Optional.of(new PortHolder(pid, Optional.of(String.join(" ", argv))));
        processes.put(pid, new ProcessFacts(pid, Optional.of(STARTED), argv, Optional.of(dir), ancestors));
    }

    private Ownership verify(OptionalLong claimedPid) {
        return verifier.verify(COMMAND, report(claimedPid)).toCompletableFuture().join();
    }

    /** As a run that launched {@code pid} with a secret in its environment asks. */
    private Ownership proveLaunched(long pid) {
        StartBackendCommand launched = COMMAND.withBackend(COMMAND.backend().withEnvironment(Map.of(
                OwnershipChallenge.SECRET_VARIABLE, "run-secret")));
        return verifier.proveLaunched(launched, pid, report(OptionalLong.of(pid))).toCompletableFuture().join();
    }

    private static HealthReport report(OptionalLong claimedPid) {
        return new HealthReport(HealthReport.Answer.SUCCESS, "healthy", Map.of(), Optional.empty(), claimedPid,
                Optional.empty(), Optional.empty());
    }
}
