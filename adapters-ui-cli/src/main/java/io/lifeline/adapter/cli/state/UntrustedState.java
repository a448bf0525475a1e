package io.lifeline.adapter.cli.state;

import io.lifeline.domain.port.out.PrivateFiles.NotPrivate;

import java.util.Objects;

/**
 * A folder Lifeline keeps its state in, or a file in it, that Lifeline will not use: not private, or a launch record
 * that does not prove what it claims. The message names it, says why and gives the fix.
 */
public final class UntrustedState extends RuntimeException {

    private final String problem;
    private final String fix;

    /**
     * @param problem what is wrong, naming the file or folder
     * @param fix     what to do about it
     */
    public UntrustedState(String problem, String fix) {
        super(problem + "; fix: " + fix);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    /** @param what the role of the path, e.g. "run folder", "log folder", "launch record" */
    public static UntrustedState of(String what, NotPrivate refused) {
        return new UntrustedState("the " + what + " " + refused.path() + " is not private: " + refused.problem(),
                refused.fix());
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
