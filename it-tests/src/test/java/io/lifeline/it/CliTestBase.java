package io.lifeline.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests of the real {@code lifeline} command as a separate JVM: it is built, and nothing it started outlives a test. */
abstract class CliTestBase {

    protected LifelineCli lifeline;
    /** Processes that are not descendants of this JVM once Lifeline exits: ended by pid after the test. */
    protected final List<Long> started = new ArrayList<>();

    @BeforeAll
    static void built() {
        Fixture.requireBuilt();
        assertThat(Fixture.JAR).as("the runnable jar; build it with mvn package").exists();
    }

    @AfterEach
    void cleanUp() {
        if (lifeline != null && lifeline.process.isAlive()) {
            lifeline.sigkill();
        }
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try {
            ProcessHygiene.assertNoProcessLeft();
            await("every process this test started is gone").atMost(Duration.ofSeconds(10))
                    .until(() -> started.stream().noneMatch(ProcessHygiene::isAlive));
        } finally {
            ProcessHygiene.killLeftovers();
        }
    }
}
