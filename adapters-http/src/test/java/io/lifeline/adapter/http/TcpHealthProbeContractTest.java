package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.contract.HealthProbeContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/**
 * The TCP probe against the probe contract, with real loopback listeners. A TCP connect carries no answer, so the
 * cases about what a backend answers cannot apply and are skipped with the reason (see {@link TcpHealthProbeTest}
 * for what the TCP probe reports instead): refused and timeout apply as they are.
 */
class TcpHealthProbeContractTest extends HealthProbeContract {

    private final TcpHealthProbe probe = new TcpHealthProbe();
    private final TcpListeners listeners = new TcpListeners();

    @AfterEach
    void closeEverything() throws Exception {
        listeners.close();
        probe.close();
    }

    @Override
    protected HealthProbe probe() {
        return probe;
    }

    /**
     * Cannot apply: the contract's backends answer with a status and services (healthy with {@code database} and
     * {@code cache}, degraded, ...), and a TCP connect carries neither; the TCP probe reports {@code healthy} with no
     * services for any connect. This also skips "several probes in turn", whose backend is one of these;
     * {@link TcpHealthProbeTest} covers both what a connect reports and several probes in turn.
     */
    @Override
    protected Endpoint backendAnswering(HealthReport report) {
        return Assumptions.abort("a TCP connect carries no status or services, so no TCP backend can answer "
                + report.describe() + "; see TcpHealthProbeTest");
    }

    @Override
    protected Endpoint nothingListening() {
        return TcpListeners.nothingListening();
    }

    /** For TCP, "never answers" is a connect nobody completes: a listener whose accept queue is full. */
    @Override
    protected Endpoint backendThatNeverAnswers() {
        return listeners.neverAccepting();
    }

    /**
     * Cannot apply: to a TCP connect, another web server holding the port is indistinguishable from the backend,
     * and is ready: that is the cost of choosing {@code tcp}, and no probe of it can pay it.
     */
    @Override
    protected Endpoint otherServerAnsweringHtml() {
        return Assumptions.abort("any program that listens on the port is ready to a TCP connect; "
                + "the probe cannot tell another server from the backend");
    }
}
