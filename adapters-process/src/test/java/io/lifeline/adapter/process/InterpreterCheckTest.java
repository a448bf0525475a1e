package io.lifeline.adapter.process;

import io.lifeline.domain.model.InterpreterCandidateReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of check reports itself; the log line and the doctor's report are the same text. */
class InterpreterCheckTest {

    private static final InterpreterCandidate PATH_PYTHON =
            new InterpreterCandidate(List.of("/usr/bin/python3"), "PATH");
    private static final InterpreterCandidate WINDOWS_LAUNCHER = new InterpreterCandidate(List.of("py", "-3"), "PATH");

    @Test
    void givenUsableCandidate_whenReported_thenUsableWithVersionAndExecutable() {
        InterpreterCheck check = new InterpreterCheck.Usable(PATH_PYTHON, "/usr/bin/python3.12", "3.12.1");

        assertThat(check.report()).isEqualTo(new InterpreterCandidateReport("/usr/bin/python3", "PATH", true,
                Optional.of("3.12.1"), Optional.of("/usr/bin/python3.12"), List.of(), "Python 3.12.1, usable"));
        assertThat(check.explain()).isEqualTo("/usr/bin/python3 (PATH): Python 3.12.1, usable");
    }

    @Test
    void givenTooOldCandidate_whenReported_thenNotUsableAndNamesTheMinimum() {
        InterpreterCheck check = new InterpreterCheck.TooOld(PATH_PYTHON, "3.9.18");

        assertThat(check.report()).isEqualTo(new InterpreterCandidateReport("/usr/bin/python3", "PATH", false,
                Optional.of("3.9.18"), Optional.empty(), List.of(), "Python 3.9.18 is older than 3.10"));
        assertThat(check.explain()).isEqualTo("/usr/bin/python3 (PATH): Python 3.9.18 is older than 3.10");
    }

    @Test
    void givenCandidateMissingModules_whenReported_thenNotUsableAndNamesEachModule() {
        InterpreterCheck check = new InterpreterCheck.MissingModules(WINDOWS_LAUNCHER, "C:\\Python312\\python.exe",
                "3.12.1", List.of("fastapi", "uvicorn"));

        assertThat(check.report()).isEqualTo(new InterpreterCandidateReport("py -3", "PATH", false,
                Optional.of("3.12.1"), Optional.of("C:\\Python312\\python.exe"), List.of("fastapi", "uvicorn"),
                "Python 3.12.1, cannot import fastapi, uvicorn"));
        assertThat(check.explain()).isEqualTo("py -3 (PATH): Python 3.12.1, cannot import fastapi, uvicorn");
    }

    @Test
    void givenBrokenCandidate_whenReported_thenNotUsableAndTheReasonIsTheExplanation() {
        InterpreterCheck check = new InterpreterCheck.Broken(PATH_PYTHON, "not found or not executable");

        assertThat(check.report()).isEqualTo(new InterpreterCandidateReport("/usr/bin/python3", "PATH", false,
                Optional.empty(), Optional.empty(), List.of(), "not found or not executable"));
        assertThat(check.explain()).isEqualTo("/usr/bin/python3 (PATH): not found or not executable");
    }
}
