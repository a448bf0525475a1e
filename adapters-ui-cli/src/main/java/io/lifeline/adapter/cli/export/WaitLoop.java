package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;

/**
 * A wait for a dependency as one command: run its {@link CheckCommand} every {@code interval} until it passes (exit 0)
 * or {@code timeout} is over (exit 1, saying so). Written for the interpreter the check already needs, {@code python -c}
 * or {@code node -e}, so that it runs in any image that can run the check: no shell, no {@code sleep}, no
 * {@code curl}.
 */
final class WaitLoop {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaitLoop() {
    }

    /**
     * @param check   the check, {@code [python, -c, ...]} or {@code [node, -e, ...]}
     * @param subject what is waited for, for the one line it prints: {@code app-api healthy}
     */
    static List<String> of(List<String> check, String subject, Duration timeout, Duration interval) {
        String program = check.get(0);
        String argv = literal(check);
        String gaveUp = literal(subject + ": not within " + io.lifeline.domain.model.Durations.format(timeout));
        String done = literal(subject);
        if (check.get(1).equals("-c")) {
            String script = String.join("\n",
                    "import subprocess,sys,time",
                    "check=" + argv,
                    "deadline=time.monotonic()+" + seconds(timeout),
                    "while subprocess.run(check,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode!=0:",
                    "    if time.monotonic()>=deadline:",
                    "        sys.exit(" + gaveUp + ")",
                    "    time.sleep(" + seconds(interval) + ")",
                    "print(" + done + ")");
            return List.of(program, "-c", script);
        }
        String script = String.join("\n",
                "const {spawnSync}=require('child_process');",
                "const check=" + argv + ";",
                "const deadline=Date.now()+" + timeout.toMillis() + ";",
                "(function attempt(){",
                "  if(spawnSync(check[0],check.slice(1),{stdio:'ignore'}).status===0){console.log(" + done
                        + ");return;}",
                "  if(Date.now()>=deadline){console.error(" + gaveUp + ");process.exit(1);}",
                "  setTimeout(attempt," + interval.toMillis() + ");",
                "})();");
        return List.of(program, "-e", script);
    }

    private static String seconds(Duration duration) {
        return Double.toString(duration.toMillis() / 1000.0);
    }

    /** JSON text: a string or list literal that Python and JavaScript read alike. */
    private static String literal(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
