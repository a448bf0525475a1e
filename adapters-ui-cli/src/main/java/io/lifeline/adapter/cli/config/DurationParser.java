package io.lifeline.adapter.cli.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, {@code 1h}. A bare number is refused: which unit? */
public final class DurationParser {

    /** Longer than this is a typo, not a timeout. */
    static final Duration MAX = Duration.ofHours(24);
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private DurationParser() {
    }

    /** @throws IllegalArgumentException with the reason, to be prefixed with the key and source */
    public static Duration parse(String text) {
        String value = text.strip();
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            if (value.startsWith("-") && FORMAT.matcher(value.substring(1).strip()).matches()) {
                throw new IllegalArgumentException("must be positive");
            }
            if (value.matches("0+(\\.0+)?")) {
                throw new IllegalArgumentException("must be positive (e.g. 500ms or 2s)");
            }
            if (value.matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("needs a unit, e.g. " + value + "ms or " + value + "s");
            }
            throw new IllegalArgumentException("is not a duration (use e.g. 500ms, 2s, 1.5s, 2m)");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal millisPerUnit = switch (matcher.group(2)) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1_000);
            case "m" -> BigDecimal.valueOf(60_000);
            default -> BigDecimal.valueOf(3_600_000);
        };
        BigDecimal millis = amount.multiply(millisPerUnit);
        if (millis.signum() == 0) {
            throw new IllegalArgumentException("must be positive");
        }
        if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
            throw new IllegalArgumentException("must be at most 24h");
        }
        if (millis.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("must be at least 1ms");
        }
        return Duration.ofMillis(millis.longValue());
    }

    /** The form {@link #parse} reads back: whole seconds as {@code 60s}, anything else in milliseconds. */
    public static String format(Duration value) {
        long millis = value.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
