package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppOutcome;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.AppSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.BackendAdapters;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.OwnershipChallenge;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.LaunchRecords;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.model.LaunchMode;
import io.lifeline.domain.model.CorrelationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import io.lifeline.domain.testing.FakeBackendLauncher;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.FakeRunningBackend;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ManualScheduler;
import io.lifeline.domain.testing.PolicyRetryDecider;
import io.lifeline.domain.testing.RecordingStateListener;
import io.lifeline.domain.testing.RecordingStatusPublisher;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.lifeline.domain.testing.HealthReports.healthy;
import static io.lifeline.domain.testing.ProbeFailures.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** An app through the real run drivers, on fakes: each backend's own probe, one launcher, fake time. */
class StartAppServiceTest {

    private static final BackendName MIGRATE = new BackendName("migrate");
    private static final BackendName DB = new BackendName("db");
    private static final BackendName API = new BackendName("api");

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeBackendLauncher launcher = new FakeBackendLauncher(clock);
    private final RecordingStatusPublisher events = new RecordingStatusPublisher();
    private final Map<BackendName, FakeHealthProbe> probes = new HashMap<>();
    private int secrets;
    private final LaunchRecords recordsPort = new RecordingLaunchRecords();

    /** What the start asked the launch records to keep and to forget, in order. */
    private static final class RecordingLaunchRecords implements LaunchRecords {
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<LaunchRecord> find(Endpoint endpoint) {
            return Optional.empty();
        }

        @Override
        public void keep(LaunchRecord record, CorrelationId correlationId, Instant launchedAt, LaunchMode mode) {
            calls.add("keep " + record.endpoint().port() + " pid " + record.pid() + " " + record.secret());
        }

        @Override
        public void forget(Endpoint endpoint, Set<Long> pids) {
            calls.add("forget " + endpoint.port() + " pids " + pids);
        }
    }
    private final StartAppService service = new StartAppService(new StartAppService.SharedPorts(launcher, events,
            new RecordingStateListener(), new PolicyRetryDecider(), scheduler, clock, PortOwnerLookup.UNKNOWN,
            pid -> Optional.empty(), recordsPort, () -> "secret-" + (++secrets), RunExecutors.DIRECT),
            new BackendAdapters() {
                @Override
                public HealthProbe probe(BackendName name, BackendSpec backend) {
                    return probes.get(name);
                }

                @Override
                public BackendProfile profile(BackendName name, BackendSpec backend) {
                    return BackendProfile.GENERIC;
                }

                @Override
                public OwnershipChallenge challenge(BackendName name, BackendSpec backend) {
                    return (endpoint, secret) -> CompletableFuture.completedFuture(OwnershipChallenge.Answer.NONE);
                }
            });

    private StartBackendCommand backend(BackendName name, int port, Dependency... dependsOn) {
        FakeHealthProbe probe = new FakeHealthProbe(clock);
        probe.answersNext(refused());
        probe.answers(healthy());
        probes.put(name, probe);
        return StartCommands.quickStart().withEndpoint(new Endpoint("127.0.0.1", port)).named(name,
                List.of(dependsOn));
    }

    private List<String> named(String kind) {
        return events.events().stream().filter(event -> event.name().equals(kind))
                .map(event -> event.backend().value()).toList();
    }

    @Test
    void aJobThenTwoServers_startInDependencyOrder_andStopInReverse() {
        launcher.otherwise(number -> FakeRunningBackend.withPid(2000 + number));
        AppPlan plan = new AppPlan(List.of(backend(MIGRATE, 9201), backend(DB, 9202),
                backend(API, 9203, Dependency.on(MIGRATE, DependencyCondition.COMPLETED), Dependency.healthy(DB))));

        AppSession app = service.start(plan);
        assertThat(named("launching")).containsExactly("migrate", "db");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(named("connected")).containsExactly("db");
        assertThat(named("launching")).as("api waits for the job").containsExactly("migrate", "db");

        launcher.backends().get(0).exit(0);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(named("completed")).containsExactly("migrate");
        assertThat(named("launching")).containsExactly("migrate", "db", "api");
        AppOutcome outcome = app.started().toCompletableFuture().getNow(null);
        assertThat(outcome).isNotNull();
        assertThat(outcome.kind()).isEqualTo(AppOutcome.Kind.CONNECTED);
        assertThat(outcome.ready()).extracting(StatusEvent::backend).containsExactly(MIGRATE, DB, API);
        assertThat(events.events()).extracting(StatusEvent::correlationId).containsOnly(app.correlationId());

        app.stop();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(named("stopped")).containsExactly("api", "db");
        assertThat(app.finished().toCompletableFuture().getNow(null)).extracting(AppOutcome::kind)
                .isEqualTo(AppOutcome.Kind.STOPPED);
    }

    @Test
    void eachLaunchedBackend_hasItsOwnSecretInItsEnvironment_andItsLaunchRecordKeptUntilItsRunIsOver() {
        launcher.otherwise(number -> FakeRunningBackend.withPid(4000 + number));
        StartBackendCommand given = backend(API, 9222);
        String secretGiven = "the-front-ends-own";
        AppPlan plan = new AppPlan(List.of(backend(DB, 9221), given.withBackend(given.backend().withEnvironment(
                Map.of(OwnershipChallenge.SECRET_VARIABLE, secretGiven)))));

        AppSession app = service.start(plan);
        scheduler.advance(Duration.ofSeconds(1));
        app.stop();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(launcher.launches()).extracting(launch -> launch.request().backend().environment()
                .get(OwnershipChallenge.SECRET_VARIABLE)).containsExactly("secret-1", secretGiven);
        RecordingLaunchRecords records = (RecordingLaunchRecords) recordsPort;
        assertThat(records.calls).containsExactly("keep 9221 pid 4001 secret-1", "keep 9222 pid 4002 " + secretGiven,
                "forget 9222 pids [4002]", "forget 9221 pids [4001]");
    }

    @Test
    void aDependencyThatCannotStart_skipsItsDependant_whichIsNeverLaunched() {
        launcher.otherwise(number -> FakeRunningBackend.crashed(3000 + number, 3, "ModuleNotFoundError: x"));
        AppPlan plan = new AppPlan(List.of(backend(DB, 9211), backend(API, 9212, Dependency.healthy(DB))));

        AppSession app = service.start(plan);
        scheduler.advance(Duration.ofMinutes(1));

        AppOutcome outcome = app.finished().toCompletableFuture().getNow(null);
        assertThat(outcome).isNotNull();
        assertThat(outcome.kind()).isEqualTo(AppOutcome.Kind.FAILED);
        assertThat(outcome.root()).map(AppOutcome.Root::backend).contains(DB);
        assertThat(outcome.skipped()).containsExactly(API);
        assertThat(named("launching")).containsOnly("db");
        assertThat(named("skipped")).containsExactly("api");
    }
}
