package io.lifeline.adapter.process;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A launch proof asks with the launched pid: that process is looked at first, and the answer stays the same. */
class ProcPortOwnerLookupLikelyPidTest {

    @Test
    void likelyFirst_putsTheLikelyPidAndThoseAfterItFirst_thenTheRest() {
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L, 40L, 41L, 90L), 40))
                .containsExactly(40L, 41L, 90L, 1L, 5L);
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L), 0)).containsExactly(1L, 5L);
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L), 3)).containsExactly(5L, 1L);
    }

    @Test
    void givenThisJvmListens_thenTheHolderIsFound_withOrWithoutTheLikelyPid() throws Exception {
        assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/net/tcp")), "needs Linux /proc");
        long self = ProcessHandle.current().pid();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Endpoint endpoint = new Endpoint("127.0.0.1", socket.getLocalPort());
            ProcPortOwnerLookup lookup = new ProcPortOwnerLookup();

            Optional<PortHolder> likely = lookup.holderOf(endpoint, self);
            Optional<PortHolder> another = lookup.holderOf(endpoint, 1);
            Optional<PortHolder> plain = lookup.holderOf(endpoint);

            assertThat(likely).hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(self));
            assertThat(another).isEqualTo(likely);
            assertThat(plain).isEqualTo(likely);
        }
    }
}
