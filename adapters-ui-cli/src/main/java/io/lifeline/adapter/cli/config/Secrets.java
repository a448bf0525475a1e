package io.lifeline.adapter.cli.config;

import java.util.regex.Pattern;

/** Which configured values must never be shown or logged: those whose name looks like a secret. */
public final class Secrets {

    public static final String MASK = "***";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "secret|passw|pwd|token|apikey|(?:^|_)keys?(?:_|$)|credential|private|auth|session|cookie|signature|salt",
            Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name.replace("-", "_").replace(".", "_")).find();
    }
}
