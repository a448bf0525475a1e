package io.lifeline.domain.operation;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.model.InertText;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.model.Ownership;
import io.lifeline.domain.model.Ownership.Proof;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortListener;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.LaunchRecords;
import io.lifeline.domain.port.out.OwnershipChallenge;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProcessInspector;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a ready backend found on the port is ours, by the first proof that holds: a launch record of a
 * Lifeline run names the listening process (or its ancestor, with the same start time); the listener runs the
 * configured command from the configured working directory (started by hand); or it answers the challenge with the
 * recorded secret. Anything else is refused with the reason. Calls ports that read the operating system: run it off
 * the driver's thread.
 */
public final class OwnershipVerifier {

    /** Knows no record, no process and no challenge: refuses every backend (for runs that attach without proof). */
    public static final OwnershipVerifier PROVING_NOTHING = new OwnershipVerifier(endpoint -> Optional.empty(),
            PortOwnerLookup.UNKNOWN, pid -> Optional.empty(),
            (endpoint, secret) -> CompletableFuture.completedFuture(OwnershipChallenge.Answer.NONE),
            BackendProfile.GENERIC);

    /** Said with every wrong proof: a backend built before host and port were in the proof answers so. */
    static final String OLD_HANDSHAKE = " (a backend whose handshake predates host and port in the proof answers"
            + " so: update its middleware, see docs/backend-contract.md#proving-a-backend-is-ours)";

    private final LaunchRecords records;
    private final PortOwnerLookup portOwners;
    private final ProcessInspector processes;
    private final OwnershipChallenge challenge;
    private final BackendProfile profile;

    public OwnershipVerifier(LaunchRecords records, PortOwnerLookup portOwners, ProcessInspector processes,
                             OwnershipChallenge challenge, BackendProfile profile) {
        this.records = Objects.requireNonNull(records, "records");
        this.portOwners = Objects.requireNonNull(portOwners, "portOwners");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.challenge = Objects.requireNonNull(challenge, "challenge");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public CompletionStage<Ownership> verify(StartBackendCommand command, HealthReport report) {
        Endpoint endpoint = command.endpoint();
        // A record proves only its own port: one linked or copied from another port's record proves nothing here.
        Optional<LaunchRecord> record = records.find(endpoint).filter(found -> found.endpoint().equals(endpoint));
        Optional<PortHolder> holder = portOwners.holderOf(endpoint);
        Optional<ProcessFacts> listener = holder.flatMap(owner -> processes.facts(owner.pid()));
        if (listener.isPresent() && report.pid().isPresent()) {
            long claimed = report.pid().getAsLong();
            boolean kin = processes.facts(claimed).map(claimant -> claimant.closeKinOf(listener.get()))
                    .orElse(claimed == listener.get().pid());
            if (!kin) {
                return done(new Ownership.Refused("its health answer names pid " + claimed + ", but "
                        + listener.get().where() + " listens on the port", holder, false));
            }
        }
        Optional<String> expected = command.backend().expectedVersion();
        if (expected.isPresent() && report.version().isPresent() && !report.version().equals(expected)) {
            return done(new Ownership.Refused("stale: it reports version " + InertText.field(report.version().get())
                    + ", but "
                    + expected.get() + " is expected", holder, true));
        }
        Optional<Ownership> launched = record.flatMap(recorded -> launchedBy(recorded, listener));
        if (launched.isPresent()) {
            Path recordedDir = real(record.get().workingDir());
            Path configuredDir = real(command.backend().directory());
            if (!recordedDir.equals(configuredDir)) {
                return done(new Ownership.Refused("stale: a Lifeline run launched it for " + recordedDir + ", not for "
                        + configuredDir + " (another checkout or an older build?)", holder, true));
            }
            return done(launched.get());
        }
        Optional<Ownership.Refused> stale = Optional.empty();
        if (listener.isPresent() && profile.runsCommand(command.backend().command(), listener.get().argv())) {
            Path configured = real(command.backend().directory());
            Optional<Path> running = listener.get().workingDir().map(OwnershipVerifier::real);
            if (running.isPresent() && running.get().equals(configured)) {
                return done(new Ownership.Proven(Proof.STARTED_BY_HAND, listener.get().describe(), listener));
            }
            stale = running.map(dir -> new Ownership.Refused("stale: it runs the configured program from " + dir
                    + ", not from " + configured + " (another checkout or an older build?)", holder, true));
        }
        Optional<Ownership.Refused> staleReason = stale;
        if (record.isEmpty() || record.get().secret().isEmpty()) {
            return done(staleReason.orElseGet(() -> refusal(listener, holder, record.isEmpty()
                    ? "no launch record names it" : "the launch record names another process")));
        }
        return challenge.ask(endpoint, record.get().secret()).thenApply(answer -> switch (answer) {
            case PROVEN -> new Ownership.Proven(Proof.CHALLENGE_ANSWERED, "the recorded secret of pid "
                    + record.get().pid(), listener);
            case WRONG -> staleReason.orElseGet(() -> refusal(listener, holder,
                    "it answered the challenge with a wrong proof" + OLD_HANDSHAKE));
            case NONE -> staleReason.orElseGet(() -> refusal(listener, holder,
                    "the launch record's process does not listen there and the backend did not answer the"
                            + " challenge"));
        });
    }

    /**
     * The record names the listener, or an ancestor of it, that still runs since the recorded start. A pid alone
     * proves nothing: without both start times, and equal, it may be a reused pid.
     */
    private Optional<Ownership> launchedBy(LaunchRecord recorded, Optional<ProcessFacts> listener) {
        Optional<ProcessFacts> launched = processes.facts(recorded.pid())
                .filter(facts -> recorded.processStart().isPresent()
                        && recorded.processStart().equals(facts.startedAt()));
        if (launched.isEmpty() || listener.isEmpty()) {
            return Optional.empty();
        }
        ProcessFacts serving = listener.get();
        if (serving.pid() == recorded.pid() || serving.ancestors().contains(recorded.pid())) {
            return Optional.of(new Ownership.Proven(Proof.LAUNCHED_BY_LIFELINE, "pid " + recorded.pid()
                    + " in the launch record" + (serving.pid() == recorded.pid() ? "" : ", parent of the listener "
                    + serving.pid()), listener));
        }
        return Optional.empty();
    }

    /**
     * Whether what answered on the port is the backend this run launched as {@code launchedPid}, and not a squatter
     * that bound the port while it booted. Proven when the listener is that process or one of its descendants (and the
     * answer does not name another process), or when the backend answers the challenge with the run's secret (the
     * command's {@value OwnershipChallenge#SECRET_VARIABLE}): a backend behind a proxy, e.g. in a container, has only
     * that proof. Refused when another process, or another user's socket, listens and the challenge does not prove it
     * ours. {@link Proof#NONE} when the operating system cannot tell and the backend does not answer the challenge:
     * connected, and saying so. {@link Ownership.Unproven} when nothing listens any more.
     */
    public CompletionStage<Ownership> proveLaunched(StartBackendCommand command, long launchedPid,
                                                    HealthReport report) {
        Endpoint endpoint = command.endpoint();
        PortListener listener = portOwners.listenerOf(endpoint, launchedPid);
        Optional<PortHolder> holder = listener instanceof PortListener.Held held ? Optional.of(held.holder())
                : Optional.empty();
        Optional<ProcessFacts> facts = holder.flatMap(owner -> processes.facts(owner.pid()));
        if (holder.isPresent() && descendsFrom(holder.get().pid(), facts, launchedPid)) {
            long listening = holder.get().pid();
            Optional<String> forged = answerOfAnother(report, launchedPid);
            if (forged.isPresent()) {
                return done(new Ownership.Refused(forged.get() + ", while the launched backend (pid " + launchedPid
                        + ") listens: the answer was not its own", Optional.empty(), false));
            }
            return done(new Ownership.Proven(Proof.LAUNCHED_BY_LIFELINE, listening == launchedPid
                    ? "pid " + launchedPid + " listens on the port"
                    : "pid " + listening + ", a child of the launched pid " + launchedPid + ", listens on the port",
                    facts));
        }
        Ownership withoutChallenge = withoutChallenge(listener, launchedPid);
        Optional<String> secret = Optional.ofNullable(command.backend().environment()
                .get(OwnershipChallenge.SECRET_VARIABLE)).filter(value -> !value.isEmpty());
        if (secret.isEmpty()) {
            return done(withoutChallenge);
        }
        return challenge.ask(endpoint, secret.get()).thenApply(answer -> switch (answer) {
            case PROVEN -> new Ownership.Proven(Proof.CHALLENGE_ANSWERED, "this run's secret, given to pid "
                    + launchedPid, facts);
            case WRONG -> new Ownership.Refused("what answers on the port gave a wrong proof for this run's secret,"
                    + " so it is not the launched backend (pid " + launchedPid + ")" + OLD_HANDSHAKE, holder, false);
            case NONE -> withoutChallenge;
        });
    }

    /** What the listener alone says of a launch it does not show to be ours. */
    private static Ownership withoutChallenge(PortListener listener, long launchedPid) {
        if (listener instanceof PortListener.Held held) {
            return new Ownership.Refused(held.holder().describe() + " listens on the port, not the launched backend"
                    + " (pid " + launchedPid + ") or a child of it", Optional.of(held.holder()), false);
        }
        if (listener instanceof PortListener.OtherUser other) {
            return new Ownership.Refused("a process of another user (uid " + other.uid() + ") listens on the port,"
                    + " not the launched backend (pid " + launchedPid + ")", Optional.empty(), false);
        }
        if (listener instanceof PortListener.Nobody) {
            return new Ownership.Unproven("nothing listens on the port any more, so what answered was not the"
                    + " launched backend (pid " + launchedPid + ")");
        }
        return new Ownership.Proven(Proof.NONE, "launched as pid " + launchedPid);
    }

    /** Whether {@code pid} is {@code ancestor} or, as far as its facts show, one of its descendants. */
    private static boolean descendsFrom(long pid, Optional<ProcessFacts> facts, long ancestor) {
        return pid == ancestor || facts.map(known -> known.ancestors().contains(ancestor)).orElse(false);
    }

    /** Why the answer names a process that is not the launched one or its descendant, when the OS shows it. */
    private Optional<String> answerOfAnother(HealthReport report, long launchedPid) {
        if (report.pid().isEmpty() || report.pid().getAsLong() == launchedPid) {
            return Optional.empty();
        }
        long claimed = report.pid().getAsLong();
        Optional<ProcessFacts> claimant = processes.facts(claimed);
        if (claimant.isEmpty()) {
            return Optional.of("its health answer names pid " + claimed + ", which does not run");
        }
        return descendsFrom(claimed, claimant, launchedPid) ? Optional.empty()
                : Optional.of("its health answer names " + claimant.get().describe());
    }

    private static Ownership.Refused refusal(Optional<ProcessFacts> listener, Optional<PortHolder> holder,
                                             String why) {
        if (listener.isEmpty()) {
            return new Ownership.Refused("the operating system does not say who listens on the port (not Linux, or"
                    + " another user's process), so only the challenge could prove it is ours, and " + why, holder,
                    false);
        }
        return new Ownership.Refused(listener.get().where() + " is neither a backend Lifeline launched nor the"
                + " configured command started by hand: " + why, holder, false);
    }

    /** Whether {@code process} still runs: its pid is alive with the same start time, so not reused. */
    public boolean stillRuns(ProcessFacts process) {
        return processes.facts(process.pid()).map(now -> now.startedAt().equals(process.startedAt())).orElse(false);
    }

    /** The folder as the operating system reports a process's folder: links resolved, where it exists. */
    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException | RuntimeException missing) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static CompletionStage<Ownership> done(Ownership ownership) {
        return CompletableFuture.completedFuture(ownership);
    }
}
