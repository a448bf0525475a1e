package io.lifeline.adapter.cli.config;

/** A port as configured: a number, or {@code auto} for one that is free when Lifeline starts. */
public record PortChoice(int number) {

    public static final String AUTO_TEXT = "auto";
    public static final PortChoice AUTO = new PortChoice(0);

    public PortChoice {
        if (number < 0 || number > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, or auto");
        }
    }

    public boolean auto() {
        return number == 0;
    }

    @Override
    public String toString() {
        return auto() ? AUTO_TEXT : Integer.toString(number);
    }
}
