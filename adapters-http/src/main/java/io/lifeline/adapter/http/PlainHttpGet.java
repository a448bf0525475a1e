package io.lifeline.adapter.http;

import io.lifeline.domain.model.Endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 {@code GET} over a socket of its own, with nothing shared between exchanges: no connection cache, no
 * proxy, no thread of the JDK's that reads on after us. Every step, connect and each read, waits at most the time left
 * until the one deadline, and every byte read is under a cap: the status line and headers together
 * {@value #MAX_HEAD_BYTES} bytes, a chunk-size line {@value #MAX_CHUNK_LINE_BYTES}, the body the caller's limit.
 * Trailers of a chunked body are never read. {@link #close()} ends it at any time, from any thread: a blocked connect
 * or read then fails at once.
 */
final class PlainHttpGet implements AutoCloseable {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_CHUNK_LINE_BYTES = 1024;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d ([1-9]\\d\\d)(?: .*)?");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,15}");
    private static final int BUFFER_BYTES = 8 * 1024;

    private final Socket socket = new Socket(Proxy.NO_PROXY);
    private final long deadline;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private InputStream in;
    private int position;
    private int limit;
    private int headBytesLeft = MAX_HEAD_BYTES;
    private int lastLineBytes;
    private HttpAnswer head;

    /** @param timeout bounds the whole exchange from now */
    PlainHttpGet(Duration timeout) {
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Connects to {@code endpoint} and sends the request; {@code path} is already encoded. */
    void send(Endpoint endpoint, String path, Map<String, String> headers) throws IOException {
        InetAddress address = InetAddress.getByName(endpoint.host());
        socket.connect(new InetSocketAddress(address, endpoint.port()), millisLeft());
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (hasLineBreak(name) || hasLineBreak(value)) {
                throw new IllegalArgumentException("the request header " + name + " has a line break in it");
            }
            request.append(name).append(": ").append(value).append("\r\n");
        });
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /**
     * Reads the status line and the headers of the final answer, skipping interim (1xx) ones; the body is not read.
     *
     * @throws MalformedAnswerException when the answer is not HTTP or its heads exceed {@value #MAX_HEAD_BYTES} bytes
     */
    HttpAnswer head() throws IOException {
        if (head == null) {
            HttpAnswer answer;
            do {
                answer = oneHead();
            } while (answer.status() < 200);
            head = answer;
        }
        return head;
    }

    /**
     * The answer with its body, at most {@code maxBytes} of it: a longer body is read only to {@code maxBytes + 1}
     * bytes and the answer says it is {@link HttpAnswer#tooLarge() too large}.
     */
    HttpAnswer withBody(int maxBytes) throws IOException {
        HttpAnswer answer = head();
        BodyBuffer body = new BodyBuffer(maxBytes);
        String transferEncoding = answer.header("Transfer-Encoding");
        String contentLength = answer.header("Content-Length");
        if (answer.status() == 204 || answer.status() == 304) {
            return answer.withBody(new byte[0], false);
        } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            readChunks(body);
        } else if (transferEncoding == null && contentLength != null) {
            readExactly(body, length(contentLength));
        } else {
            readToTheEnd(body);
        }
        return answer.withBody(body.bytes(), body.isOver());
    }

    /** Ends the exchange: closes the socket, which makes a blocked connect or read fail at once. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted; there is nothing else to do with a socket that cannot be closed.
        }
    }

    private HttpAnswer oneHead() throws IOException {
        String statusLine = headLine();
        Matcher status = STATUS_LINE.matcher(statusLine);
        if (!status.matches()) {
            throw new MalformedAnswerException("the answer is not HTTP");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = headLine(); !line.isEmpty(); line = headLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return HttpAnswer.head(Integer.parseInt(status.group(1)), headers);
    }

    private String headLine() throws IOException {
        String line = line(headBytesLeft, "the answer's status line and headers exceed 16 KiB");
        headBytesLeft -= lastLineBytes;
        return line;
    }

    private void readChunks(BodyBuffer body) throws IOException {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
            readExactly(body, size);
            if (body.isOver()) {
                return;
            }
            if (!line(2, "a chunk does not end with CRLF").isEmpty()) {
                throw new MalformedAnswerException("a chunk does not end with CRLF");
            }
        }
        // The last chunk (size 0) ends the body; its trailers are not read: the socket is closed anyway.
    }

    private long chunkSize() throws IOException {
        String line = line(MAX_CHUNK_LINE_BYTES, "a chunk-size line exceeds " + MAX_CHUNK_LINE_BYTES + " bytes");
        int extension = line.indexOf(';');
        String hex = (extension < 0 ? line : line.substring(0, extension)).strip();
        if (!HEX.matcher(hex).matches()) {
            throw new MalformedAnswerException("a chunk size is not a hexadecimal number");
        }
        return Long.parseLong(hex, 16);
    }

    private static long length(String contentLength) throws MalformedAnswerException {
        if (!contentLength.matches("\\d{1,18}")) {
            throw new MalformedAnswerException("the Content-Length is not a number");
        }
        return Long.parseLong(contentLength);
    }

    private void readExactly(BodyBuffer body, long length) throws IOException {
        for (long left = length; left > 0 && !body.isOver(); left--) {
            int next = next();
            if (next < 0) {
                throw new MalformedAnswerException("the connection closed before the end of the body");
            }
            body.add(next);
        }
    }

    private void readToTheEnd(BodyBuffer body) throws IOException {
        for (int next = next(); next >= 0 && !body.isOver(); next = next()) {
            body.add(next);
        }
    }

    /** A line up to LF, without its CR LF, of at most {@code maxBytes} bytes with the LF. */
    private String line(int maxBytes, String tooLong) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = next(); next != '\n'; next = next()) {
            if (next < 0) {
                throw new MalformedAnswerException(line.length() == 0 && headBytesLeft == MAX_HEAD_BYTES
                        ? "the server closed the connection without answering"
                        : "the connection closed in the middle of the answer");
            }
            if (line.length() + 1 >= maxBytes) {
                throw new MalformedAnswerException(tooLong);
            }
            line.append((char) next);
        }
        lastLineBytes = line.length() + 1;
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private int next() throws IOException {
        if (position == limit) {
            socket.setSoTimeout(millisLeft());
            int read = in.read(buffer);
            if (read < 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        return buffer[position++] & 0xff;
    }

    /** The time left until the deadline, at least 1 ms (0 would mean no bound); none left is a timeout. */
    private int millisLeft() throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the exchange's deadline has passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    /** The body read so far, up to one byte over the caller's limit (which tells that the body is too large). */
    private static final class BodyBuffer {
        private final byte[] bytes;
        private int size;

        BodyBuffer(int maxBytes) {
            bytes = new byte[maxBytes + 1];
        }

        void add(int next) {
            bytes[size++] = (byte) next;
        }

        boolean isOver() {
            return size == bytes.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
