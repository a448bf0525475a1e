package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.Dependency;
import io.lifeline.domain.model.DependencyCondition;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.Readiness;
import io.lifeline.domain.testing.StartCommands;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppPlanTest {

    private static final BackendName API = new BackendName("api");
    private static final BackendName WORKER = new BackendName("worker");
    private static final BackendName DB = new BackendName("db");
    private static final BackendName MIGRATE = new BackendName("migrate");

    private static StartBackendCommand backend(BackendName name, int port, Dependency... dependsOn) {
        return StartCommands.quickStart().withEndpoint(new Endpoint("127.0.0.1", port)).named(name,
                List.of(dependsOn));
    }

    @Test
    void aCycleIsRefused_showingTheWholePath_atTheBackendWhereItCloses() {
        assertThatThrownBy(() -> AppPlan.of(backend(DB, 9001), backend(API, 9002, Dependency.healthy(WORKER)),
                backend(WORKER, 9003, Dependency.healthy(DB), Dependency.on(API, DependencyCondition.STARTED))))
                .isInstanceOfSatisfying(InvalidAppPlan.class, invalid -> {
                    assertThat(invalid.backend()).isEqualTo(API);
                    assertThat(invalid.part()).isEqualTo(InvalidAppPlan.Part.DEPENDS_ON);
                })
                .hasMessage("dependsOn makes a cycle: api -> worker -> api; remove one of these dependencies");
    }

    @Test
    void anUnknownNameIsRefused_listingTheAppsBackends() {
        assertThatThrownBy(() -> AppPlan.of(backend(API, 9002, Dependency.healthy(DB))))
                .isInstanceOf(InvalidAppPlan.class)
                .hasMessage("api depends on db, which is not a backend of this app; its backends: api");
    }

    @Test
    void twoBackendsOnOnePortAreRefused_aWorkerReadyByItsOutputToo_butNotAOneShotJob() {
        assertThatThrownBy(() -> AppPlan.of(backend(API, 9002), backend(DB, 9002)))
                .isInstanceOf(InvalidAppPlan.class)
                .hasMessageContaining("api and db both use 127.0.0.1:9002");
        StartBackendCommand worker = backend(WORKER, 9002).withBackend(StartCommands.BACKEND
                .withReadiness(Readiness.lineOnly(Pattern.compile("ready"))));
        assertThatThrownBy(() -> AppPlan.of(backend(API, 9002), worker))
                .as("it may listen on the port it is given").isInstanceOf(InvalidAppPlan.class);

        assertThat(AppPlan.of(backend(API, 9002, Dependency.on(MIGRATE, DependencyCondition.COMPLETED)),
                backend(MIGRATE, 9002)).names()).containsExactly(API, MIGRATE);
    }

    @Test
    void aBackendWaitedForToComplete_isAJob_readyByItsExit_andUsesNoPort() {
        AppPlan plan = AppPlan.of(backend(MIGRATE, 9002),
                backend(API, 9002, Dependency.on(MIGRATE, DependencyCondition.COMPLETED)));

        assertThat(plan.isJob(MIGRATE)).isTrue();
        assertThat(plan.isJob(API)).isFalse();
        assertThat(plan.backend(MIGRATE).backend().readiness()).isEqualTo(Readiness.COMPLETION);
        assertThat(plan.usesItsPort(MIGRATE)).isFalse();
    }

    @Test
    void aJobCannotAlsoBeWaitedForAsHealthy_norRestartedWith() {
        assertThatThrownBy(() -> AppPlan.of(backend(MIGRATE, 9001),
                backend(API, 9002, Dependency.on(MIGRATE, DependencyCondition.COMPLETED)),
                backend(WORKER, 9003, Dependency.healthy(MIGRATE))))
                .isInstanceOf(InvalidAppPlan.class).hasMessageContaining("a one-shot job is never healthy");
        assertThatThrownBy(() -> AppPlan.of(backend(DB, 9001),
                backend(API, 9002, Dependency.on(DB, DependencyCondition.STARTED).restartingWith())))
                .isInstanceOf(InvalidAppPlan.class).hasMessageContaining("needs condition healthy, not started");
    }

    @Test
    void narrowedToSomeBackends_keepsWhatTheyDependOn_inTheAppsOrder() {
        AppPlan plan = AppPlan.of(backend(DB, 9001), backend(API, 9002, Dependency.healthy(DB)),
                backend(WORKER, 9003, Dependency.healthy(API)), backend(MIGRATE, 9004));

        assertThat(plan.narrowedTo(Set.of(API)).names()).containsExactly(DB, API);
        assertThat(plan.narrowedTo(Set.of()).names()).containsExactly(DB, API, WORKER, MIGRATE);
        assertThatThrownBy(() -> plan.narrowedTo(Set.of(new BackendName("web"))))
                .hasMessage("no backend named web in this app; its backends: db, api, worker, migrate");
    }

    @Test
    void theDependencyOrder_putsEachBackendAfterWhatItDependsOn_otherwiseTheConfigsOrder() {
        AppPlan plan = AppPlan.of(backend(WORKER, 9003, Dependency.healthy(API)), backend(API, 9002,
                Dependency.healthy(DB)), backend(MIGRATE, 9004), backend(DB, 9001));

        assertThat(plan.dependencyOrder()).containsExactly(MIGRATE, DB, API, WORKER);
    }

    @Test
    void aBackendCannotNameItselfNorTheSameBackendTwice() {
        assertThatThrownBy(() -> backend(API, 9002, Dependency.healthy(API)))
                .hasMessage("api cannot depend on itself");
        assertThatThrownBy(() -> backend(API, 9002, Dependency.healthy(DB), Dependency.healthy(DB)))
                .hasMessage("api names db twice in dependsOn");
    }
}
