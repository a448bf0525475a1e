package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.testing.FakeHealthProbe;
import io.lifeline.domain.testing.ManualClock;
import io.lifeline.domain.testing.ProbeFailures;

/** The domain tests' scripted probe keeps the same contract as the HTTP adapter. */
class FakeHealthProbeContractTest extends HealthProbeContract {

    private static final Endpoint BACKEND = new Endpoint("127.0.0.1", 8765);

    private final FakeHealthProbe probe = new FakeHealthProbe(new ManualClock());

    @Override
    protected HealthProbe probe() {
        return probe;
    }

    @Override
    protected Endpoint backendAnswering(HealthReport report) {
        probe.answers(report);
        return BACKEND;
    }

    @Override
    protected Endpoint nothingListening() {
        probe.answers(ProbeFailures.refused());
        return BACKEND;
    }

    @Override
    protected Endpoint backendThatNeverAnswers() {
        probe.answers(ProbeFailures.timedOut());
        return BACKEND;
    }

    @Override
    protected Endpoint otherServerAnsweringHtml() {
        probe.answers(ProbeFailures.notJson());
        return BACKEND;
    }
}
