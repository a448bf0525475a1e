package io.lifeline.adapter.cli.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Binding to local ports, as a backend would: for {@code port: auto} and for {@code lifeline doctor}. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port that is free now on {@code host}, found by binding to port 0. */
    public static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new IllegalArgumentException("no free port could be found on " + host + ": " + failed.getMessage());
        }
    }

    /**
     * Binds and releases {@code address} as a backend binds: address reuse on, so connections still in TIME_WAIT do
     * not count as held.
     *
     * @throws IOException as the bind failed, e.g. {@link java.net.BindException} when the port is held
     */
    public static void bindOnce(InetSocketAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        }
    }
}
