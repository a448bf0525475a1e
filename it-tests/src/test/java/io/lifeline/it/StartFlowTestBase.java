package io.lifeline.it;

import io.lifeline.adapter.cli.StartFlow;
import io.lifeline.bootstrap.Lifeline;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.BackendSession;
import io.lifeline.domain.port.in.StartBackendCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real start flow (real processes, real FastAPI fixture, real HTTP) the way any front end would: through
 * the composition root, with its own status publisher.
 */
abstract class StartFlowTestBase {

    /** Generous: these bound hangs, they are not performance goals. */
    static final Duration DECISION_LIMIT = Duration.ofSeconds(60);

    protected final RecordingStatusPublisher events = new RecordingStatusPublisher();
    protected StartFlow flow;
    protected BackendSession session;

    @BeforeAll
    static void fixtureIsBuilt() {
        Fixture.requireBuilt();
    }

    @BeforeEach
    void openFlow() {
        assertThat(ProcessHygiene.livingDescendants()).as("processes left by an earlier test").isEmpty();
        flow = Lifeline.open(events);
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (session != null) {
                session.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            ProcessHygiene.assertNoProcessLeft();
        } finally {
            ProcessHygiene.killLeftovers();
            flow.close();
        }
    }

    protected StatusEvent startAndAwaitDecision(StartBackendCommand command) throws Exception {
        session = flow.startBackend().start(command);
        return session.started().toCompletableFuture().get(DECISION_LIMIT.toSeconds(), TimeUnit.SECONDS);
    }
}
