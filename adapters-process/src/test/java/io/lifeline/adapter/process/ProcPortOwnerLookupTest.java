package io.lifeline.adapter.process;

import io.lifeline.adapter.process.ProcPortOwnerLookup.ListeningSocket;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcPortOwnerLookupTest {

    private static final int PORT = 8000;

    /** As on x86, where 127.0.0.1 is printed 0100007F; port 8000 is 1F40, 22 is 0016. */
    private static final String PROC_NET_TCP = String.join("\n",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41001 1 "
                    + "0000000000000000 100 0 0 10 0",
            "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41002 1 "
                    + "0000000000000000 100 0 0 10 0",
            "   2: 0100007F:1F40 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 41003 1 "
                    + "0000000000000000 20 4 30 10 -1",
            "   3: 0100007F:D431 0100007F:1F40 01 00000000:00000000 00:00000000 00000000  1000        0 41004 1 "
                    + "0000000000000000 20 4 30 10 -1",
            "");

    /** ::, ::1 and an IPv4-mapped ::ffff:127.0.0.1, each 32-bit word in x86 byte order. */
    private static final String PROC_NET_TCP6 = String.join("\n",
            "  sl  local_address                         remote_address                        st tx_queue rx_queue "
                    + "tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000000000000000000000000000:1F40 00000000000000000000000000000000:0000 0A "
                    + "00000000:00000000 00:00000000 00000000  1000        0 62001 1 0000000000000000 100 0 0 10 0",
            "   1: 00000000000000000000000001000000:1F40 00000000000000000000000000000000:0000 0A "
                    + "00000000:00000000 00:00000000 00000000  1000        0 62002 1 0000000000000000 100 0 0 10 0",
            "   2: 0000000000000000FFFF00000100007F:1F40 0000000000000000FFFF00000100007F:E01A 01 "
                    + "00000000:00000000 00:00000000 00000000  1000        0 62003 1 0000000000000000 20 4 30 10 -1",
            "   3: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A "
                    + "00000000:00000000 00:00000000 00000000     0        0 62004 1 0000000000000000 100 0 0 10 0",
            "");

    @Nested
    class Parsing {

        @Test
        void givenProcNetTcp_whenListingListenersOnPort_thenOnlyTheListenRowOfThatPortIsFound() throws Exception {
            List<ListeningSocket> found = ProcPortOwnerLookup.listeners(PROC_NET_TCP, PORT, ByteOrder.LITTLE_ENDIAN);

            assertThat(found).containsExactly(new ListeningSocket(InetAddress.getByName("127.0.0.1"), PORT, 41001, 1000));
        }

        @Test
        void givenProcNetTcp6_whenListingListenersOnPort_thenWildcardAndLoopbackAreFoundButNotTheConnection()
                throws Exception {
            List<ListeningSocket> found = ProcPortOwnerLookup.listeners(PROC_NET_TCP6, PORT, ByteOrder.LITTLE_ENDIAN);

            assertThat(found).containsExactly(
                    new ListeningSocket(InetAddress.getByName("::"), PORT, 62001, 1000),
                    new ListeningSocket(InetAddress.getByName("::1"), PORT, 62002, 1000));
        }

        @Test
        void givenAnIpv4MappedAddress_whenDecoding_thenItIsThePlainIpv4Address() throws Exception {
            assertThat(ProcPortOwnerLookup.address("0000000000000000FFFF00000100007F", ByteOrder.LITTLE_ENDIAN))
                    .isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(ProcPortOwnerLookup.address("7F000001", ByteOrder.BIG_ENDIAN))
                    .isEqualTo(InetAddress.getByName("127.0.0.1"));
        }

        @Test
        void givenNoListenerOnThePort_whenListing_thenNothingIsFound() {
            assertThat(ProcPortOwnerLookup.listeners(PROC_NET_TCP, 9999, ByteOrder.LITTLE_ENDIAN)).isEmpty();
        }

        @Test
        void givenMalformedLines_whenListing_thenTheyAreSkipped() {
            String garbage = String.join("\n",
                    "",
                    "   0: 0100007F 00000000:0000 0A 0 0 0 0 0 41001",
                    "   1: XYZ:1F40 00000000:0000 0A 0 0 0 0 0 41002",
                    "   2: 0100007F:1F40 00000000:0000 0A 0 0 0 0 0 not-an-inode",
                    "   3: 0100007F:1F40 00000000:0000 0A too short",
                    "   4: 0100007F:1F40 00000000:0000 0A 0 0 0 0 0 0");

            assertThat(ProcPortOwnerLookup.listeners(garbage, PORT, ByteOrder.LITTLE_ENDIAN)).isEmpty();
        }

        @Test
        void givenListenersOnHostAndWildcard_whenChoosing_thenTheHostsOwnAddressWins() throws Exception {
            ListeningSocket wildcard = new ListeningSocket(InetAddress.getByName("::"), PORT, 1);
            ListeningSocket other = new ListeningSocket(InetAddress.getByName("10.1.2.3"), PORT, 2);
            ListeningSocket loopback = new ListeningSocket(InetAddress.getByName("127.0.0.1"), PORT, 3);
            Set<InetAddress> host = Set.of(InetAddress.getByName("127.0.0.1"));

            assertThat(ProcPortOwnerLookup.preferred(List.of(wildcard, other, loopback), () -> host)).contains(loopback);
            assertThat(ProcPortOwnerLookup.preferred(List.of(other, wildcard), () -> host)).contains(wildcard);
            assertThat(ProcPortOwnerLookup.preferred(List.of(other), () -> host)).contains(other);
            assertThat(ProcPortOwnerLookup.preferred(List.of(), () -> host)).isEmpty();
        }

        @Test
        void givenASingleListener_whenChoosing_thenTheHostIsNotResolved() throws Exception {
            ListeningSocket only = new ListeningSocket(InetAddress.getByName("127.0.0.1"), PORT, 1);

            assertThat(ProcPortOwnerLookup.preferred(List.of(only), () -> {
                throw new AssertionError("resolved the host without a choice to make");
            })).contains(only);
        }

        @Test
        void givenProcCmdline_whenFormatting_thenNulsBecomeSpacesAndLongLinesAreCut() {
            assertThat(ProcPortOwnerLookup.commandLine("python3\0-m\0uvicorn\0app:app\0"))
                    .contains("python3 -m uvicorn app:app");
            assertThat(ProcPortOwnerLookup.commandLine("")).isEmpty();
            assertThat(ProcPortOwnerLookup.commandLine("x".repeat(1000)))
                    .hasValueSatisfying(line -> assertThat(line)
                            .hasSize(ProcPortOwnerLookup.MAX_COMMAND_LINE_LENGTH)
                            .endsWith("..."));
        }

        @Test
        void givenALineThatEndsJustBeforeTheInodeColumn_whenListing_thenItIsSkippedNotReadPastItsEnd() {
            String nineFields = "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000 1000 0";

            assertThat(ProcPortOwnerLookup.listeners(nineFields, PORT, ByteOrder.LITTLE_ENDIAN)).isEmpty();
        }

        @Test
        void givenACommandLineOfExactlyTheLimit_whenFormatting_thenItIsKeptWhole() {
            String atTheLimit = "y".repeat(ProcPortOwnerLookup.MAX_COMMAND_LINE_LENGTH);

            assertThat(ProcPortOwnerLookup.commandLine(atTheLimit)).contains(atTheLimit);
            assertThat(ProcPortOwnerLookup.commandLine(atTheLimit + "z")).hasValueSatisfying(line -> assertThat(line)
                    .hasSize(ProcPortOwnerLookup.MAX_COMMAND_LINE_LENGTH)
                    .isEqualTo("y".repeat(ProcPortOwnerLookup.MAX_COMMAND_LINE_LENGTH - 3) + "..."));
        }

        @Test
        void givenProcEntryNames_whenTellingPids_thenOnlyAllDigitNamesOfUpTo18DigitsArePids() {
            assertThat(ProcPortOwnerLookup.isPid("1")).isTrue();
            assertThat(ProcPortOwnerLookup.isPid("1090")).as("0 and 9 are digits").isTrue();
            assertThat(ProcPortOwnerLookup.isPid("9".repeat(18))).isTrue();
            assertThat(ProcPortOwnerLookup.isPid("1".repeat(19))).as("beyond a long").isFalse();
            assertThat(ProcPortOwnerLookup.isPid("")).isFalse();
            assertThat(ProcPortOwnerLookup.isPid("self")).isFalse();
            assertThat(ProcPortOwnerLookup.isPid("12/")).as("'/' sorts just below '0'").isFalse();
            assertThat(ProcPortOwnerLookup.isPid("12:")).as("':' sorts just above '9'").isFalse();
        }
    }

    @Nested
    class FakeProc {

        @TempDir
        Path proc;

        @Test
        void givenNoProcNetTcp_whenLookingUp_thenEmpty() {
            assertThat(new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT))).isEmpty();
        }

        @Test
        void givenAMissingProcRoot_whenLookingUp_thenEmpty() {
            assertThat(new ProcPortOwnerLookup(proc.resolve("absent")).holderOf(new Endpoint("localhost", PORT)))
                    .isEmpty();
        }

        @Test
        void givenAProcessHoldingTheListeningSocket_whenLookingUp_thenItsPidAndCommandLine() throws Exception {
            writeListener(4242);
            Files.createDirectories(proc.resolve("9"));
            fd(5, 0, "pipe:[77]");
            fd(17, 0, "/dev/null");
            fd(17, 5, "socket:[4242]");
            Files.writeString(proc.resolve("17").resolve("cmdline"), "python3\0-m\0uvicorn\0");
            Files.createDirectories(proc.resolve("self").resolve("fd"));

            Optional<PortHolder> holder = new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT));

            assertThat(holder).contains(new PortHolder(17, Optional.of("python3 -m uvicorn")));
        }

        @Test
        void givenNoProcessHoldingTheSocket_whenLookingUp_thenEmpty() throws Exception {
            writeListener(4242);
            fd(17, 5, "socket:[4243]");

            assertThat(new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT))).isEmpty();
        }

        @Test
        void givenAnUnreadableCommandLine_whenLookingUp_thenThePidAlone() throws Exception {
            writeListener(4242);
            fd(17, 5, "socket:[4242]");

            assertThat(new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT)))
                    .contains(new PortHolder(17, Optional.empty()));
        }

        @Test
        void givenAnEntryNamedZeroHoldingTheSocket_whenLookingUp_thenItIsNotTakenForAProcess() throws Exception {
            writeListener(4242);
            fd(0, 3, "socket:[4242]");
            fd(17, 5, "socket:[4242]");

            assertThat(new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT)))
                    .hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(17));
        }

        @Test
        void givenAListenerOnTheHostsOwnAddressAndAWildcardOne_whenLookingUp_thenTheOwnAddresssHolderIsNamed()
                throws Exception {
            String loopback = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F" : "7F000001";
            Files.createDirectories(proc.resolve("net"));
            Files.writeString(proc.resolve("net").resolve("tcp"), String.join("\n",
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                    "   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 "
                            + "4242 1 0000000000000000 100 0 0 10 0",
                    "   1: " + loopback + ":1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000     "
                            + "   0 4343 1 0000000000000000 100 0 0 10 0",
                    ""));
            fd(9, 5, "socket:[4242]");
            fd(17, 5, "socket:[4343]");

            assertThat(new ProcPortOwnerLookup(proc).holderOf(new Endpoint("127.0.0.1", PORT)))
                    .hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(17));
        }

        /** A wildcard listener, so the sample reads the same in either byte order. */
        private void writeListener(long inode) throws IOException {
            Files.createDirectories(proc.resolve("net"));
            Files.writeString(proc.resolve("net").resolve("tcp"), String.join("\n",
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                    "   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 "
                            + inode + " 1 0000000000000000 100 0 0 10 0",
                    ""));
        }

        private void fd(long pid, int descriptor, String target) throws IOException {
            Path fdDirectory = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
            Files.createSymbolicLink(fdDirectory.resolve(Integer.toString(descriptor)), Path.of(target));
        }
    }

    @Nested
    @EnabledOnOs(OS.LINUX)
    class RealProc {

        private final ProcPortOwnerLookup lookup = new ProcPortOwnerLookup();

        @Test
        void givenThisJvmListening_whenLookingUp_thenThisJvmIsTheHolder() throws Exception {
            try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                Optional<PortHolder> holder = lookup.holderOf(new Endpoint("127.0.0.1", server.getLocalPort()));

                assertThat(holder).hasValueSatisfying(found -> {
                    assertThat(found.pid()).isEqualTo(ProcessHandle.current().pid());
                    assertThat(found.commandLine()).hasValueSatisfying(line -> assertThat(line).contains("java"));
                });
            }
        }

        @Test
        void givenAFreePort_whenLookingUp_thenEmpty() throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                port = probe.getLocalPort();
            }

            assertThat(lookup.holderOf(new Endpoint("127.0.0.1", port))).isEmpty();
        }

        @Test
        void givenAPythonChildListening_whenLookingUp_thenTheChildIsTheHolder() throws Exception {
            Process child = new ProcessBuilder(RealPython.executable().toString(), "-c",
                    "import socket,sys,time; s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(); "
                            + "print(s.getsockname()[1], flush=True); time.sleep(60)")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                child.getOutputStream().close();
                String portLine = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertThat(portLine).as("port printed by the child").isNotNull();

                Optional<PortHolder> holder =
                        lookup.holderOf(new Endpoint("localhost", Integer.parseInt(portLine.strip())));

                assertThat(holder).hasValueSatisfying(found -> {
                    assertThat(found.pid()).isEqualTo(child.pid());
                    assertThat(found.commandLine()).hasValueSatisfying(line -> assertThat(line).contains("python"));
                });
            } finally {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
