package io.lifeline.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server that answers every connection with a script, for behaviour WireMock cannot play: silence
 * after connecting, or a body that never ends. Every loop it runs is bounded in time.
 */
final class ScriptedServer implements AutoCloseable {

    /** Hard bound on how long any script may run, so a forgotten server cannot outlive its test by much. */
    static final Duration MAX_SCRIPT_TIME = Duration.ofSeconds(5);

    @FunctionalInterface
    interface Script {
        void play(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch clientDropped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

    ScriptedServer(Script script) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptLoop(script), "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Whether the client closed the connection (a write failed or the read side hit end of stream) in time. */
    boolean awaitClientDropped(Duration within) throws InterruptedException {
        return clientDropped.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many connections the server has accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** A script that reads the request and then says nothing. */
    static Script silence() {
        return (in, out) -> {
            long deadline = System.nanoTime() + MAX_SCRIPT_TIME.toNanos();
            byte[] buffer = new byte[4096];
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    throw new IOException("client closed the connection");
                }
            }
        };
    }

    /** A script that sends 200 headers of a chunked JSON body and then a chunk every {@code pause}, forever. */
    static Script endlessChunkedBody(Duration pause) {
        return (in, out) -> {
            in.read(new byte[4096]);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1\r\n[\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + MAX_SCRIPT_TIME.toNanos();
            while (System.nanoTime() < deadline) {
                out.write("2\r\n1,\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(pause.toMillis());
            }
        };
    }

    /**
     * A script that sends 200 headers announcing a JSON body of {@code length} bytes and then writes it as fast as
     * the client reads; a client that closes the connection early makes a write fail.
     */
    static Script hugeBody(long length) {
        return (in, out) -> {
            in.read(new byte[4096]);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            long deadline = System.nanoTime() + MAX_SCRIPT_TIME.toNanos();
            for (long sent = 0; sent < length && System.nanoTime() < deadline; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, length - sent));
            }
            out.flush();
        };
    }

    /**
     * A script that reads the request's head, sends {@code start} and then {@code line} over and over as fast as the
     * client reads, until the client drops the connection (or {@link #MAX_SCRIPT_TIME}): an answer without an end.
     */
    static Script endlessAfter(String start, String line) {
        return endlessAfter(request -> start, line);
    }

    /** {@link #endlessAfter(String, String)} whose start is made from the request's head. */
    static Script endlessAfter(java.util.function.UnaryOperator<String> start, String line) {
        return (in, out) -> {
            out.write(start.apply(head(in)).getBytes(StandardCharsets.US_ASCII));
            byte[] again = line.getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + MAX_SCRIPT_TIME.toNanos();
            while (System.nanoTime() < deadline) {
                out.write(again);
            }
        };
    }

    /**
     * A script that reads the request's head and then sends {@code answer(head)} one byte every {@code pause}: each
     * read of the client gets a byte well within any read timeout, so only a deadline over the whole exchange ends it.
     */
    static Script dripping(Duration pause, java.util.function.UnaryOperator<String> answer) {
        return (in, out) -> {
            byte[] bytes = answer.apply(head(in)).getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + MAX_SCRIPT_TIME.toNanos();
            for (int next = 0; next < bytes.length && System.nanoTime() < deadline; next++) {
                out.write(bytes[next]);
                out.flush();
                Thread.sleep(pause.toMillis());
            }
        };
    }

    /** The request's head, up to the empty line, as text. */
    static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int next;
        while (head.indexOf("\r\n\r\n") < 0 && (next = in.read()) >= 0) {
            head.append((char) next);
        }
        return head.toString();
    }

    /** The value of the header {@code name} in a request's head, or null. */
    static String header(String head, String name) {
        return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }

    private void acceptLoop(Script script) {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                accepted.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket, script), "scripted-server-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            script.play(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException dropped) {
            clientDropped.countDown();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
