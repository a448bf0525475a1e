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

    /** As Lifeline's probe: a longer body is not a health answer. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String NODE = "node";

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
                + asciiPath(check.path());
        Duration timeout = backend.timeouts().probeTimeout();
        return switch (runtime) {
            case PYTHON -> Optional.of(List.of(program, "-c", python(check, host, backend.endpoint().port(), url,
                    timeout)));
            case NODE -> node(check, host, backend.endpoint().port(), url, timeout)
                    .map(script -> List.of(program, "-e", script));
            case OTHER -> Optional.empty();
        };
    }

    /**
     * The check as the backend's image runs it: {@code python -c} in an image whose program is Python's,
     * {@code node -e} in Node's; empty where Lifeline cannot tell what the image has.
     */
    public static Optional<List<String>> inImage(DeployedBackend backend, DeployedBackend.Runtime runtime,
                                                 String host) {
        return switch (runtime) {
            case PYTHON -> of(backend, runtime, Placeholders.IMAGE_PYTHON, host);
            case NODE -> of(backend, runtime, NODE, host);
            case OTHER -> Optional.empty();
        };
    }

    private static String python(HealthCheck check, String host, int port, String url, Duration timeout) {
        String seconds = Double.toString(timeout.toMillis() / 1000.0);
        if (check.contract() == HealthContract.TCP) {
            return "import socket;socket.create_connection((" + literal(host, Language.PYTHON) + "," + port + ")," + seconds
                    + ").close()";
        }
        // As Lifeline's probe: no proxy, no redirect followed (a 3xx fails), at most 64 KiB of body. urllib raises
        // for any answer but a 2xx, and every exception exits 1.
        String get = "import json,sys,urllib.request as u;o=u.build_opener(u.ProxyHandler({}),type('R',"
                + "(u.HTTPRedirectHandler,),{'redirect_request':lambda *a:None}));r=o.open(" + literal(url, Language.PYTHON)
                + ",timeout=" + seconds + ");d=r.read(" + (MAX_BODY_BYTES + 1) + ");ok=len(d)<=" + MAX_BODY_BYTES
                + " and 200<=r.status<300";
        if (check.statusCodeOnly()) {
            return get + ";sys.exit(0 if ok else 1)";
        }
        // The answer's shape is checked as Lifeline's readers check it: a field of the wrong type, a word the
        // contract does not know, a malformed entry raise (and exit 1), ignored or not.
        String read;
        String nameField;
        switch (check.contract()) {
            case LIFELINE -> {
                read = "W={'healthy':'h','degraded':'d'};w=lambda x:W.get(x.lower(),'u');s=w(b['status']);"
                        + "S={k:w(v) for k,v in b['services'].items()}";
                nameField = "service";
            }
            case IETF -> {
                read = "W={'pass':'h','ok':'h','up':'h','warn':'d','fail':'u','error':'u','down':'u'};"
                        + "w=lambda x:W[x['status'].lower()];s=w(b);"
                        + "S={k:max([w(x) for x in v],key='hdu'.index) for k,v in b.get('checks',{}).items()}";
                nameField = "serviceId";
            }
            case SPRING -> {
                read = "W={'UP':'h','DOWN':'u','OUT_OF_SERVICE':'u','UNKNOWN':'u'};w=lambda x:W[x['status'].upper()];"
                        + "s=w(b);S={k:w(v) for k,v in b.get('components',{}).items()}";
                nameField = null;
            }
            default -> throw new IllegalStateException("no JSON check for " + check.contract());
        }
        String expected = nameField == null || check.expectedService().isEmpty() ? "True"
                : "(type(b.get('" + nameField + "'))!=str or b['" + nameField + "']=="
                + literal(check.expectedService().get(), Language.PYTHON) + ")";
        String required = list(check.requiredServices(), Language.PYTHON);
        // HealthAcceptance: every required service healthy (or degraded, when accepted), the overall status healthy,
        // or, when degraded is accepted, degraded overall or in a required service.
        return get + ";b=json.loads(d,parse_constant=int);" + read + ";R=" + required + ";A="
                + (check.acceptDegraded() ? "'hd'" : "'h'")
                + ";sys.exit(0 if ok and all(S.get(x,'u') in A for x in R) and (s=='h' or "
                + (check.acceptDegraded() ? "s=='d' or 'd' in [S.get(x) for x in R]" : "False") + ") and "
                + expected + " else 1)";
    }

    private static Optional<String> node(HealthCheck check, String host, int port, String url, Duration timeout) {
        long millis = timeout.toMillis();
        if (check.contract() == HealthContract.TCP) {
            return Optional.of("const s=require('net').connect(" + port + "," + literal(host, Language.JAVASCRIPT)
                    + ",()=>process.exit(0));s.on('error',()=>process.exit(1));s.setTimeout(" + millis
                    + ",()=>process.exit(1))");
        }
        if (!check.statusCodeOnly() && check.contract() != HealthContract.LIFELINE) {
            return Optional.empty();
        }
        // Node's http follows no redirect and uses no proxy; the body is cut at 64 KiB as Lifeline's probe does.
        String get = "const q=require('http').get(" + literal(url, Language.JAVASCRIPT) + ",{timeout:" + millis + "},r=>{let n=0,c=[];"
                + "r.on('data',x=>{n+=x.length;if(n>" + MAX_BODY_BYTES + ")process.exit(1);c.push(x)});"
                + "r.on('end',()=>{const ok=r.statusCode>=200&&r.statusCode<300;";
        String tail = "})});q.on('error',()=>process.exit(1));q.on('timeout',()=>process.exit(1))";
        if (check.statusCodeOnly()) {
            return Optional.of(get + "process.exit(ok?0:1)" + tail);
        }
        String expected = check.expectedService().map(name -> "&&(typeof b.service!=='string'||b.service==="
                + literal(name, Language.JAVASCRIPT) + ")").orElse("");
        // A thrown error (not JSON, a field of the wrong type) exits 1, as Lifeline's reader refuses the answer.
        return Optional.of(get + "const o=v=>{if(v===null||typeof v!=='object'||Array.isArray(v))throw 1;return v},"
                + "w=x=>{if(typeof x!=='string')throw 1;x=x.toLowerCase();return x==='healthy'?'h':x==='degraded'?'d'"
                + ":'u'},b=o(JSON.parse(Buffer.concat(c).toString())),s=w(b.status),"
                + "S=new Map(Object.entries(o(b.services)).map(([k,v])=>[k,w(v)])),R=" + list(check.requiredServices(), Language.JAVASCRIPT)
                + ",A=" + (check.acceptDegraded() ? "['h','d']" : "['h']") + ";"
                + "process.exit(ok&&R.every(x=>A.includes(S.get(x)))&&(s==='h'"
                + (check.acceptDegraded() ? "||s==='d'||R.some(x=>S.get(x)==='d')" : "") + ")" + expected
                + "?0:1)" + tail);
    }

    /**
     * The path with every character beyond ASCII as its UTF-8 bytes, percent-encoded, as a request line carries it:
     * urllib refuses to send anything else.
     */
    private static String asciiPath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned > 0x20 && unsigned < 0x7f) {
                out.append((char) unsigned);
            } else {
                out.append(String.format("%%%02X", unsigned));
            }
        }
        return out.toString();
    }

    /** Which language a literal is written for: they escape a character beyond U+FFFF differently. */
    private enum Language { PYTHON, JAVASCRIPT }

    /**
     * A string literal {@code language} reads as {@code text}: printable ASCII as it is, a quote and a backslash
     * escaped, anything else by its code point ({@code \\u00e9}; beyond U+FFFF {@code \\U0001f600} in Python,
     * {@code \\u{1f600}} in JavaScript, never as two halves of a surrogate pair).
     */
    private static String literal(String text, Language language) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().forEach(c -> {
            if (c == '\\' || c == '\'') {
                out.append('\\').appendCodePoint(c);
            } else if (c >= 0x20 && c <= 0x7e) {
                out.appendCodePoint(c);
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(language == Language.PYTHON ? String.format("\\U%08x", c) : String.format("\\u{%x}", c));
            }
        });
        return out.append('\'').toString();
    }

    private static String list(List<String> names, Language language) {
        return names.stream().map(name -> literal(name, language)).collect(Collectors.joining(",", "[", "]"));
    }
}
