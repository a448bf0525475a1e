package io.lifeline.adapter.http;

import com.sun.net.httpserver.HttpServer;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.HealthReport;
import io.lifeline.domain.port.out.HealthProbe;
import io.lifeline.domain.port.out.contract.HealthProbeContract;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The HTTP adapter against the probe contract, with real local servers on ephemeral loopback ports. */
class HttpHealthProbeContractTest extends HealthProbeContract {

    private final HttpHealthProbe probe = new HttpHealthProbe();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        probe.close();
    }

    @Override
    protected HealthProbe probe() {
        return probe;
    }

    @Override
    protected Endpoint backendAnswering(HealthReport report) {
        String services = report.services().entrySet().stream()
                .map(service -> "\"" + service.getKey() + "\": \"" + service.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        String body = "{\"status\": \"" + report.status() + "\", \"services\": " + services + "}";
        return serve(report.answer().successful() ? 200 : 503, "application/json", body);
    }

    @Override
    protected Endpoint nothingListening() {
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Endpoint("127.0.0.1", closedAgain.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Endpoint backendThatNeverAnswers() {
        try {
            ScriptedServer silent = new ScriptedServer(ScriptedServer.silence());
            servers.add(silent);
            return new Endpoint("127.0.0.1", silent.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Endpoint otherServerAnsweringHtml() {
        return serve(200, "text/html", "<!DOCTYPE html>\n<html><body><h1>Welcome to nginx!</h1></body></html>\n");
    }

    private Endpoint serve(int status, String contentType, String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(HttpHealthProbe.DEFAULT_PATH, exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            servers.add(() -> server.stop(0));
            return new Endpoint("127.0.0.1", server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
