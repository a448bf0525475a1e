package io.lifeline.adapter.process;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a launch proof asks: the listener, looked for in the launched pid first, and told apart from "nobody listens"
 * and "another user's socket", which a plain holder lookup reports alike as unknown.
 */
class ProcPortOwnerLookupLikelyPidTest {

    /** A LISTEN row for 127.0.0.1:8000 (0x1F40), owned by uid 1000, inode 4242, in x86 byte order. */
    private static final String TCP = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n"
            + "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1"
            + " 0000000000000000 100 0 0 10 0\n";

    @Test
    void likelyFirst_putsTheLikelyPidAndThoseAfterItFirst_thenTheRest() {
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L, 40L, 41L, 90L), 40))
                .containsExactly(40L, 41L, 90L, 1L, 5L);
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L), 0)).containsExactly(1L, 5L);
        assertThat(ProcPortOwnerLookup.likelyFirst(List.of(1L, 5L), 3)).containsExactly(5L, 1L);
    }

    @Test
    void givenThisJvmListens_thenItHoldsThePort_withOrWithoutTheLikelyPid() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
        long self = ProcessHandle.current().pid();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Endpoint endpoint = new Endpoint("127.0.0.1", socket.getLocalPort());
            ProcPortOwnerLookup lookup = new ProcPortOwnerLookup();

            PortListener likely = lookup.listenerOf(endpoint, self);
            PortListener another = lookup.listenerOf(endpoint, 1);
            Optional<PortHolder> plain = lookup.holderOf(endpoint);

            assertThat(likely).isInstanceOfSatisfying(PortListener.Held.class, held ->
                    assertThat(held.holder().pid()).isEqualTo(self));
            assertThat(another).isEqualTo(likely);
            assertThat(plain).contains(((PortListener.Held) likely).holder());
        }
    }

    @Test
    void givenNothingListens_thenNobody_notUnknown() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(new ProcPortOwnerLookup().listenerOf(new Endpoint("127.0.0.1", port), 1))
                .isEqualTo(new PortListener.Nobody());
    }

    @Test
    void givenASocketOfAnotherUserWhoseProcessIsHidden_thenOtherUser_namingTheUid(@TempDir Path proc)
            throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), TCP);
        Endpoint endpoint = new Endpoint("127.0.0.1", 8000);

        PortListener asRoot = new ProcPortOwnerLookup(proc, Optional.of(0)).listenerOf(endpoint, 77);
        PortListener asItsOwner = new ProcPortOwnerLookup(proc, Optional.of(1000)).listenerOf(endpoint, 77);
        PortListener uidUnknown = new ProcPortOwnerLookup(proc, Optional.empty()).listenerOf(endpoint, 77);

        assertThat(asRoot).isEqualTo(new PortListener.OtherUser(1000));
        assertThat(asItsOwner).as("our own socket whose process is hidden: cannot tell")
                .isEqualTo(new PortListener.Unknown());
        assertThat(uidUnknown).isEqualTo(new PortListener.Unknown());
    }

    @Test
    void givenNoPortTable_thenUnknown(@TempDir Path proc) {
        assertThat(new ProcPortOwnerLookup(proc, Optional.of(0)).listenerOf(new Endpoint("127.0.0.1", 8000), 1))
                .isEqualTo(new PortListener.Unknown());
    }

    @Test
    void listener_readsTheOwnersUid() {
        String row = TCP.lines().skip(1).findFirst().orElseThrow();

        assertThat(ProcPortOwnerLookup.listener(row, java.nio.ByteOrder.LITTLE_ENDIAN))
                .hasValueSatisfying(socket -> {
                    assertThat(socket.uid()).isEqualTo(1000);
                    assertThat(socket.inode()).isEqualTo(4242);
                    assertThat(socket.port()).isEqualTo(8000);
                });
    }
}
