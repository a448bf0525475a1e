package io.lifeline.adapter.cli.config;

import java.util.regex.Pattern;

/** Which configured values must never be shown or logged: those whose name looks like a secret. */
public final class Secrets {

    public static final String MASK = "***";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "secret|pass|pwd|token|apikey|(?:^|_)keys?(?:_|$)|credential|private|auth|session|cookie|signature|salt"
                    + "|jwt|dsn",
            Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    /** The password of a URL's {@code user:password@}, e.g. in {@code DATABASE_URL}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]+@");

    /** The value as it may be shown: masked whole under a secret-looking name, else with any URL password masked. */
    public static String shown(String name, String value) {
        return looksSecret(name) ? MASK : URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
    }

    /**
     * Whether a value may be written where others read it (an export): not under a secret-looking name, and not a
     * URL with a password in it. Stricter than {@link #shown}, which masks such a password and shows the rest.
     */
    public static boolean mayBeWritten(String name, String value) {
        return !looksSecret(name) && !URL_PASSWORD.matcher(value).find();
    }

    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name.replace("-", "_").replace(".", "_")).find();
    }
}
