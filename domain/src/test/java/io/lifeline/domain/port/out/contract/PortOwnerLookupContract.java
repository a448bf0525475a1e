package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.out.PortOwnerLookup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PortOwnerLookup} does: it never throws; a port nobody listens on has no holder; and when it
 * names a holder, that is the process that listens. Whether it can see a listener at all depends on the
 * implementation (and the OS), so each one says whether it sees this very process.
 */
public abstract class PortOwnerLookupContract {

    /** The lookup under test. */
    protected abstract PortOwnerLookup lookup();

    /** Whether this lookup names this JVM as the holder of a port the JVM listens on. */
    protected abstract boolean seesThisProcess();

    @Test
    void givenThisProcessListens_whenLookingUp_thenThisProcessExactlyWhenTheLookupCanSeeIt() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Endpoint endpoint = new Endpoint("127.0.0.1", listening.getLocalPort());

            Optional<PortHolder> holder = lookup().holderOf(endpoint);

            if (seesThisProcess()) {
                assertThat(holder).map(PortHolder::pid).contains(ProcessHandle.current().pid());
            } else {
                assertThat(holder).isEmpty();
            }
        }
    }

    @Test
    void givenNothingListens_whenLookingUp_thenNoHolder() throws IOException {
        Endpoint free;
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = new Endpoint("127.0.0.1", closedAgain.getLocalPort());
        }

        assertThat(lookup().holderOf(free)).isEmpty();
    }

    @Test
    void givenHostThatDoesNotResolve_whenLookingUp_thenAnAnswerInsteadOfAnException() {
        Endpoint unresolvable = new Endpoint("no-such-host.invalid", 8123);

        assertThat(lookup().holderOf(unresolvable)).isNotNull();
    }
}
