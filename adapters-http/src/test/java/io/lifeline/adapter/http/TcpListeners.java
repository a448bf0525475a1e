package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;
import org.junit.jupiter.api.Assumptions;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback listeners for the TCP probe's tests, each closed by {@link #close()}: one that accepts, a port where
 * nothing listens, and one that never accepts another connection.
 */
final class TcpListeners implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";

    /** How many connects may fill a full accept queue before we give up proving it is full. */
    private static final int MAX_FILLERS = 16;
    private static final int FILLER_CONNECT_MILLIS = 200;

    private final List<Closeable> opened = new ArrayList<>();

    /** A server socket that accepts every connection the kernel completes (the kernel does that, not an accept loop). */
    Endpoint accepting() {
        ServerSocket server = listen(50);
        return new Endpoint(LOOPBACK, server.getLocalPort());
    }

    /** A port that was free a moment ago: a connect to it is refused. */
    static Endpoint nothingListening() {
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return new Endpoint(LOOPBACK, closedAgain.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A listener with backlog 1 that never calls accept, its queue filled by connections of our own until one more
     * connect goes unanswered: on Linux a full accept queue drops further SYNs, so the next connect neither succeeds
     * nor is refused, it times out. The fill is proven, not assumed; where it cannot be (a kernel that answers
     * anyway), the test is skipped with that reason.
     */
    Endpoint neverAccepting() {
        ServerSocket server = listen(1);
        InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        for (int filler = 0; filler < MAX_FILLERS; filler++) {
            Socket socket = new Socket();
            opened.add(socket);
            try {
                socket.connect(address, FILLER_CONNECT_MILLIS);
            } catch (SocketTimeoutException queueFull) {
                return new Endpoint(LOOPBACK, server.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Assumptions.abort("the accept queue of a listener with backlog 1 did not fill after " + MAX_FILLERS
                + " connects, so a connect that times out cannot be made deterministically here");
    }

    private ServerSocket listen(int backlog) {
        try {
            ServerSocket server = new ServerSocket(0, backlog, InetAddress.getByName(LOOPBACK));
            opened.add(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Closeable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }
}
