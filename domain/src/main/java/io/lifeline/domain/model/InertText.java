package io.lifeline.domain.model;

/**
 * Text from outside Lifeline (a health answer, a process's command line, the backend's output) made safe to show:
 * the one function every terminal line, report and log line goes through. A hostile answer must not move the cursor,
 * retitle the terminal, forge a line in the log or reorder what a reader sees.
 * <ul>
 *     <li>{@code \n}, {@code \r} and {@code \t} become those two characters;</li>
 *     <li>every other control character (C0, DEL, C1, e.g. ESC and BEL), the line and paragraph separators U+2028
 *     and U+2029, the bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), every other
 *     invisible format character (Unicode category Cf: U+200B, U+00AD, U+FEFF, the tag characters, ...) and a lone
 *     surrogate become {@code \}{@code u} and four lowercase hex digits, e.g. {@code \}{@code u001b};</li>
 *     <li>text longer than the cap is cut, between characters and escapes, and ends in {@code ...}: the result is at
 *     most {@code maxLength} characters.</li>
 * </ul>
 * A backslash is left as it is, so the function is idempotent: text that went through it once comes through unchanged
 * (a second pass with a smaller cap only cuts), and a line may be made inert field by field and again as a whole.
 */
public final class InertText {

    /** The cap for one field: a service name, a status, a version, a command line, a reason. */
    public static final int FIELD = 256;

    /** The cap for a whole line: a status line, a line of a report, a line of the backend's output in the log. */
    public static final int LINE = 4096;

    private static final String CUT = "...";

    private InertText() {
    }

    /**
     * @param text      any text, even {@code null} (shown as {@code null})
     * @param maxLength the most characters the result has, at least 8
     */
    public static String of(String text, int maxLength) {
        if (maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be at least 8, was " + maxLength);
        }
        String value = String.valueOf(text);
        if (value.length() <= maxLength && isInert(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength) + 16);
        int room = maxLength - CUT.length();
        int cutAt = -1;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            // A lone surrogate counts as one char and is escaped.
            String piece = mustEscape(codePoint) ? escape(codePoint) : null;
            int pieceLength = piece == null ? next - i : piece.length();
            if (cutAt < 0 && out.length() + pieceLength > room) {
                cutAt = out.length();
            }
            if (out.length() + pieceLength > maxLength) {
                out.setLength(cutAt);
                return out.append(CUT).toString();
            }
            if (piece == null) {
                out.append(value, i, next);
            } else {
                out.append(piece);
            }
            i = next;
        }
        return out.toString();
    }

    /** A field of a health answer or a command line: {@link #of} with the {@link #FIELD} cap. */
    public static String field(String text) {
        return of(text, FIELD);
    }

    /** A whole line: {@link #of} with the {@link #LINE} cap. */
    public static String line(String text) {
        return of(text, LINE);
    }

    private static boolean isInert(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && mustEscapeAt(value, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustEscapeAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    || mustEscape(value.codePointAt(i));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return mustEscape(c);
    }

    /** Whether {@link #of} escapes this character: for writers that escape in their own syntax (JSON). */
    public static boolean mustEscape(int codePoint) {
        return Character.isISOControl(codePoint)
                || codePoint == 0x2028 || codePoint == 0x2029
                || codePoint == 0x061c || codePoint == 0x200e || codePoint == 0x200f
                || (codePoint >= 0x202a && codePoint <= 0x202e)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)
                // Invisible format characters (zero-width space, soft hyphen, BOM, tag characters) hide or spoof text.
                || Character.getType(codePoint) == Character.FORMAT;
    }

    private static String escape(int codePoint) {
        return switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (Character.isSupplementaryCodePoint(codePoint)) {
                    // As JSON writes it: the two halves of its surrogate pair.
                    char[] pair = Character.toChars(codePoint);
                    yield escape(pair[0]) + escape(pair[1]);
                }
                String hex = Integer.toHexString(codePoint);
                yield "\\u" + "0".repeat(4 - hex.length()) + hex;
            }
        };
    }
}
