package io.lifeline.adapter.cli.export;

import io.lifeline.adapter.cli.config.HealthContract;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A backend's health check as one command that exits 0 when it is ready by its contract and 1 when not: what an
 * engine runs inside the backend's own image (compose's {@code healthcheck}, a Kubernetes exec probe) or beside it
 * (a process-compose exec probe). A JSON contract is checked as {@code start} checks it (overall status, every
 * required service, the expected service name, degraded only when accepted), never weakened to a status code. The
 * check is written in the language the image surely has, Python or Node, never {@code curl}, which slim images lack.
 */
public final class CheckCommand {

    private CheckCommand() {
    }

    /**
     * The check in {@code runtime}'s language, asking {@code host}; empty when there is none in that language for the
     * backend's contract (a program Lifeline cannot tell the language of, or a contract this language lacks here).
     *
     * @param program the interpreter as the target names it: {@code python}, {@code /opt/app/.venv/bin/python}, ...
     */
    public static Optional<List<String>> of(DeployedBackend backend, DeployedBackend.Runtime runtime, String program,
                                            String host) {
        HealthCheck check = backend.check();
        if (check.contract() == HealthContract.NONE) {
            return Optional.empty();
        }
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + backend.endpoint().port()
                + check.path();
        Duration timeout = backend.timeouts().probeTimeout();
        return switch (runtime) {
            case PYTHON -> Optional.of(List.of(program, "-c", python(check, host, backend.endpoint().port(), url,
                    timeout)));
            case NODE -> node(check, host, backend.endpoint().port(), url, timeout)
                    .map(script -> List.of(program, "-e", script));
            case OTHER -> Optional.empty();
        };
    }

    private static String python(HealthCheck check, String host, int port, String url, Duration timeout) {
        String seconds = Double.toString(timeout.toMillis() / 1000.0);
        if (check.contract() == HealthContract.TCP) {
            return "import socket;socket.create_connection((" + literal(host) + "," + port + ")," + seconds
                    + ").close()";
        }
        // No proxy: an image's HTTP_PROXY must not carry a check of its own loopback elsewhere.
        String open = "import json,sys,urllib.request as u;r=u.build_opener(u.ProxyHandler({})).open(" + literal(url)
                + ",timeout=" + seconds + ")";
        if (check.statusCodeOnly()) {
            return open + ";sys.exit(0 if 200<=r.status<300 else 1)";
        }
        String words;
        String services;
        String nameField;
        switch (check.contract()) {
            case LIFELINE -> {
                words = "{'healthy':'h','degraded':'d'}";
                services = "{k:w(v) for k,v in (b.get('services') or {}).items()}";
                nameField = "service";
            }
            case IETF -> {
                words = "{'pass':'h','ok':'h','up':'h','warn':'d'}";
                services = "{k:max([w(x.get('status')) for x in v] or ['u'],key='hdu'.index)"
                        + " for k,v in (b.get('checks') or {}).items()}";
                nameField = "serviceId";
            }
            case SPRING -> {
                words = "{'up':'h'}";
                services = "{k:w(v.get('status')) for k,v in (b.get('components') or {}).items()}";
                nameField = null;
            }
            default -> throw new IllegalStateException("no JSON check for " + check.contract());
        }
        String expected = nameField == null || check.expectedService().isEmpty() ? "True"
                : "b.get('" + nameField + "'," + literal(check.expectedService().get()) + ")=="
                + literal(check.expectedService().get());
        return open + ";b=json.loads(r.read(65536));W=" + words
                + ";w=lambda s:W.get(str(s).lower(),'u');S=" + services
                + ";ok='" + (check.acceptDegraded() ? "hd" : "h") + "'"
                + ";sys.exit(0 if 200<=r.status<300 and w(b.get('status')) in ok and all(S.get(n,'u') in ok for n in "
                + list(check.requiredServices()) + ") and " + expected + " else 1)";
    }

    private static Optional<String> node(HealthCheck check, String host, int port, String url, Duration timeout) {
        long millis = timeout.toMillis();
        if (check.contract() == HealthContract.TCP) {
            return Optional.of("const s=require('net').connect(" + port + "," + literal(host)
                    + ",()=>process.exit(0));s.on('error',()=>process.exit(1));s.setTimeout(" + millis
                    + ",()=>process.exit(1))");
        }
        String get = "const q=require('http').get(" + literal(url) + ",{timeout:" + millis + "},r=>{";
        String tail = "});q.on('error',()=>process.exit(1));q.on('timeout',()=>process.exit(1))";
        if (check.statusCodeOnly()) {
            return Optional.of(get + "process.exit(r.statusCode>=200&&r.statusCode<300?0:1)" + tail);
        }
        if (check.contract() != HealthContract.LIFELINE) {
            return Optional.empty();
        }
        String expected = check.expectedService().map(name -> "&&(b.service===undefined||b.service===" + literal(name)
                + ")").orElse("");
        return Optional.of(get + "let t='';r.on('data',c=>t+=c);r.on('end',()=>{let b;try{b=JSON.parse(t)}"
                + "catch(e){process.exit(1)}const ok=" + (check.acceptDegraded() ? "['healthy','degraded']" : "['healthy']")
                + ",w=s=>String(s).toLowerCase(),v=b.services||{};"
                + "process.exit(r.statusCode>=200&&r.statusCode<300&&ok.includes(w(b.status))&&"
                + list(check.requiredServices()) + ".every(n=>ok.includes(w(v[n])))" + expected + "?0:1)})" + tail);
    }

    /** A string literal both Python and JavaScript read as {@code text}. */
    private static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String list(List<String> names) {
        return names.stream().map(CheckCommand::literal).collect(Collectors.joining(",", "[", "]"));
    }
}
