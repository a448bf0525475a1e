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
     * A value that is a secret by its shape, whatever it is called: a URL with a password, a query parameter or flag
     * that carries one ({@code password=}, {@code token=}, {@code --api-key=}), a key of a well-known service
     * ({@code sk-...}, {@code sk-ant-...}, {@code ghp_...}, {@code AKIA...}, {@code xoxb-...}, {@code hf_...}, a Slack
     * webhook), a bearer token, a JSON web token, a PEM block.
     */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "://[^/@:\\s]*:[^/@\\s]+@"
                    + "|(?i:[?&;\\s-]|^)(?i:pass(?:word|wd)?|pwd|token|secret|api[_-]?key|access[_-]?key|auth"
                    + "|client[_-]?secret|private[_-]?key|signature|session)[=:]\\S"
                    + "|\\b(?:sk|rk|pk)[-_](?:live|test|proj)?[-_]?[A-Za-z0-9]{16,}"
                    + "|\\bsk-[A-Za-z0-9_-]{20,}|\\bhf_[A-Za-z0-9]{30,}|hooks\\.slack\\.com/services/"
                    + "|(?i:bearer)\\s+\\S{16,}"
                    + "|\\b(?:ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abprs]|AKIA|ASIA|AIza)[-_A-Za-z0-9]{10,}"
                    + "|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\."
                    + "|-----BEGIN [A-Z ]*PRIVATE KEY-----");

    /** The words of a command line that carry the secret in the next word: {@code --password hunter2}. */
    private static final Pattern SECRET_FLAG = Pattern.compile(
            "--?(?i:pass(?:word|wd)?|pwd|token|secret|api[_-]?key|access[_-]?key|auth(?:[_-]?token)?"
                    + "|client[_-]?secret|private[_-]?key)");

    /**
     * Whether a value may be written where others read it (an export): not under a secret-looking name, and not
     * secret by its shape ({@link #looksSecretValue}). Stricter than {@link #shown}, which masks a URL's password and
     * shows the rest.
     */
    public static boolean mayBeWritten(String name, String value) {
        return !looksSecret(name) && !looksSecretValue(value);
    }

    /** Whether a value looks like a secret whatever its name: see {@link #SECRET_VALUE}. */
    public static boolean looksSecretValue(String value) {
        return SECRET_VALUE.matcher(value).find();
    }

    /**
     * The first word of a command line that is, or follows a flag that names, a secret: what an export must not
     * write; empty when there is none.
     */
    public static java.util.OptionalInt secretWord(java.util.List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (looksSecretValue(words.get(i)) || i > 0 && SECRET_FLAG.matcher(words.get(i - 1)).matches()) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }

    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name.replace("-", "_").replace(".", "_")).find();
    }
}
