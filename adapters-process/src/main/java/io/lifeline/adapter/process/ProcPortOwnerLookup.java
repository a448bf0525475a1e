package io.lifeline.adapter.process;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortListener;
import io.lifeline.domain.port.out.PortOwnerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names the process listening on a port by reading Linux's {@code /proc}: the listening socket's inode from
 * {@code net/tcp} and {@code net/tcp6}, then the first process whose {@code <pid>/fd} holds that socket.
 * <p>
 * Sees only what the running user may see: without root, only the user's own processes' descriptors are readable, so
 * another user's listener stays unnamed. Elsewhere than Linux there is no {@code /proc/net/tcp}, and the answer is
 * always empty.
 */
public final class ProcPortOwnerLookup implements PortOwnerLookup {

    /** Longer command lines are cut, so a report stays one readable line. */
    static final int MAX_COMMAND_LINE_LENGTH = 300;

    /** Reading every descriptor of every process is the slow part; past this budget the answer is "unknown". */
    static final Duration SCAN_BUDGET = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ProcPortOwnerLookup.class);
    private static final String LISTEN_STATE = "0A";
    private static final int INODE_COLUMN = 9;
    private static final String TRUNCATION_MARK = "...";

    private static final int UID_COLUMN = 7;

    private final Path procRoot;
    private final Optional<Integer> currentUid;

    public ProcPortOwnerLookup() {
        this(Path.of("/proc"));
    }

    ProcPortOwnerLookup(Path procRoot) {
        this(procRoot, ownUid());
    }

    ProcPortOwnerLookup(Path procRoot, Optional<Integer> currentUid) {
        this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
        this.currentUid = Objects.requireNonNull(currentUid, "currentUid");
    }

    @Override
    public Optional<PortHolder> holderOf(Endpoint endpoint) {
        return listenerOf(endpoint, 0) instanceof PortListener.Held held ? Optional.of(held.holder())
                : Optional.empty();
    }

    /**
     * Looks in {@code likelyPid}, then in the pids after it (where its children usually are), then in the rest. A
     * socket whose process it cannot see is another user's when the port table says so (its uid column).
     */
    @Override
    public PortListener listenerOf(Endpoint endpoint, long likelyPid) {
        try {
            if (!Files.isReadable(procRoot.resolve("net").resolve("tcp"))) {
                return new PortListener.Unknown();
            }
            Optional<ListeningSocket> socket = listeningSocket(endpoint);
            if (socket.isEmpty()) {
                return new PortListener.Nobody();
            }
            Optional<Long> pid = pidHolding(socket.get().inode(), likelyPid);
            if (pid.isPresent()) {
                return new PortListener.Held(new PortHolder(pid.get(), commandLineOf(pid.get())));
            }
            int owner = socket.get().uid();
            return owner >= 0 && currentUid.filter(uid -> uid != owner).isPresent()
                    ? new PortListener.OtherUser(owner) : new PortListener.Unknown();
        } catch (RuntimeException unexpected) {
            LOG.debug("could not find the process listening on {}", endpoint, unexpected);
            return new PortListener.Unknown();
        }
    }

    private Optional<ListeningSocket> listeningSocket(Endpoint endpoint) {
        List<ListeningSocket> candidates = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            String content = readOrEmpty(procRoot.resolve("net").resolve(table));
            candidates.addAll(listeners(content, endpoint.port(), ByteOrder.nativeOrder()));
        }
        return preferred(candidates, () -> addressesOf(endpoint.host()));
    }

    /** The uid this process runs as, when {@code /proc/self} tells. */
    private static Optional<Integer> ownUid() {
        try {
            return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private Optional<Long> pidHolding(long inode, long likelyPid) {
        String socketLink = socketLink(inode);
        long deadline = System.nanoTime() + SCAN_BUDGET.toNanos();
        for (long pid : likelyFirst(pids(), likelyPid)) {
            if (System.nanoTime() - deadline > 0) {
                LOG.debug("gave up looking for the holder of socket inode {} after {}", inode, SCAN_BUDGET);
                return Optional.empty();
            }
            if (holds(procRoot.resolve(Long.toString(pid)).resolve("fd"), socketLink)) {
                return Optional.of(pid);
            }
        }
        return Optional.empty();
    }

    /** {@code likely} first, then the pids above it, then those below, each ascending; as given when it is 0. */
    static List<Long> likelyFirst(List<Long> ascending, long likely) {
        if (likely <= 0) {
            return ascending;
        }
        List<Long> ordered = new ArrayList<>(ascending.size());
        ascending.stream().filter(pid -> pid >= likely).forEach(ordered::add);
        ascending.stream().filter(pid -> pid < likely).forEach(ordered::add);
        return ordered;
    }

    /** Ascending, so that of a parent and the workers it forked with the socket, the parent is usually found. */
    private List<Long> pids() {
        try (Stream<Path> entries = Files.list(procRoot)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(ProcPortOwnerLookup::isPid)
                    .map(Long::parseLong)
                    .filter(pid -> pid > 0)
                    .sorted()
                    .toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static boolean holds(Path fdDirectory, String socketLink) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fdDirectory)) {
            for (Path descriptor : descriptors) {
                if (socketLink.equals(linkTarget(descriptor))) {
                    return true;
                }
            }
        } catch (IOException | DirectoryIteratorException notOurs) {
            // Another user's process (when not root), or one that exited meanwhile: normal, not a failure.
        }
        return false;
    }

    private static String linkTarget(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private Optional<String> commandLineOf(long pid) {
        // Four bytes per character at most, so the cut can only fall beyond what is kept.
        try (InputStream in = Files.newInputStream(procRoot.resolve(Long.toString(pid)).resolve("cmdline"))) {
            return commandLine(new String(in.readNBytes(MAX_COMMAND_LINE_LENGTH * 4), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException missing) {
            return "";
        }
    }

    private static Set<InetAddress> addressesOf(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).collect(Collectors.toSet());
        } catch (UnknownHostException | SecurityException unresolvable) {
            return Set.of();
        }
    }

    /** The sockets listening on {@code port} in the content of {@code /proc/net/tcp} or {@code /proc/net/tcp6}. */
    static List<ListeningSocket> listeners(String procNetTcp, int port, ByteOrder kernelOrder) {
        return procNetTcp.lines()
                .map(line -> listener(line, kernelOrder))
                .flatMap(Optional::stream)
                .filter(socket -> socket.port() == port)
                .toList();
    }

    /** The listening socket a table line describes; empty for the header, other states and malformed lines. */
    static Optional<ListeningSocket> listener(String line, ByteOrder kernelOrder) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length <= INODE_COLUMN || !LISTEN_STATE.equals(fields[3])) {
            return Optional.empty();
        }
        String localAddress = fields[1];
        int colon = localAddress.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            InetAddress address = address(localAddress.substring(0, colon), kernelOrder);
            int port = Integer.parseInt(localAddress.substring(colon + 1), 16);
            long inode = Long.parseLong(fields[INODE_COLUMN]);
            int uid = Integer.parseInt(fields[UID_COLUMN]);
            return inode == 0 ? Optional.empty() : Optional.of(new ListeningSocket(address, port, inode, uid));
        } catch (NumberFormatException | UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The kernel prints an address as 32-bit words, each in its own byte order, so {@code 127.0.0.1} reads
     * {@code 0100007F} on x86.
     */
    static InetAddress address(String hex, ByteOrder kernelOrder) throws UnknownHostException {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new NumberFormatException("not an IPv4 or IPv6 address: " + hex);
        }
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(kernelOrder);
        for (int word = 0; word < hex.length(); word += 8) {
            bytes.putInt(Integer.parseUnsignedInt(hex.substring(word, word + 8), 16));
        }
        return InetAddress.getByAddress(bytes.array());
    }

    /**
     * Of several listeners on the port (IPv4 and IPv6, or distinct addresses), the one on the endpoint's own address,
     * else a wildcard one, else any. The host is resolved only when there is a choice to make.
     */
    static Optional<ListeningSocket> preferred(List<ListeningSocket> listeners, Supplier<Set<InetAddress>> hostAddresses) {
        if (listeners.size() <= 1) {
            return listeners.stream().findFirst();
        }
        Set<InetAddress> wanted = hostAddresses.get();
        return listeners.stream().min(Comparator.comparingInt(socket -> rank(socket, wanted)));
    }

    private static int rank(ListeningSocket socket, Set<InetAddress> wanted) {
        if (wanted.contains(socket.address())) {
            return 0;
        }
        return socket.address().isAnyLocalAddress() ? 1 : 2;
    }

    /** What {@code /proc/<pid>/fd/<n>} links to when descriptor n is this socket. */
    static String socketLink(long inode) {
        return "socket:[" + inode + "]";
    }

    /** The arguments of {@code /proc/<pid>/cmdline}, NUL-separated there, as one line; empty when there are none. */
    static Optional<String> commandLine(String procCmdline) {
        String line = procCmdline.replace('\0', ' ').strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        if (line.length() <= MAX_COMMAND_LINE_LENGTH) {
            return Optional.of(line);
        }
        return Optional.of(line.substring(0, MAX_COMMAND_LINE_LENGTH - TRUNCATION_MARK.length()) + TRUNCATION_MARK);
    }

    static boolean isPid(String name) {
        return !name.isEmpty() && name.length() <= 18 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A row of {@code /proc/net/tcp} in state LISTEN; {@code uid} is its owner's, -1 when not known. */
    record ListeningSocket(InetAddress address, int port, long inode, int uid) {
        ListeningSocket(InetAddress address, int port, long inode) {
            this(address, port, inode, -1);
        }
    }
}
