package io.lifeline.domain.model;

import io.lifeline.domain.port.out.InterpreterDiagnosis.Findings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpreterCandidateReportTest {

    private static final InterpreterCandidateReport STORE_STUB = new InterpreterCandidateReport("/usr/bin/python3",
            "PATH", false, Optional.empty(), Optional.empty(), List.of(), "exited with code 9009");
    private static final InterpreterCandidateReport WITHOUT_FASTAPI = new InterpreterCandidateReport(
            "/usr/bin/python3.12", "PATH", false, Optional.of("3.12.1"), Optional.of("/usr/bin/python3.12"),
            List.of("fastapi"), "Python 3.12.1, cannot import fastapi");
    private static final InterpreterCandidateReport VENV = new InterpreterCandidateReport(
            "/srv/backend/.venv/bin/python", "backend venv", true, Optional.of("3.11.7"),
            Optional.of("/srv/backend/.venv/bin/python"), List.of(), "Python 3.11.7, usable");
    private static final InterpreterCandidateReport PATH_PYTHON = new InterpreterCandidateReport("python3", "PATH",
            true, Optional.of("3.12.1"), Optional.of("/usr/bin/python3.12"), List.of(), "Python 3.12.1, usable");

    @Test
    void givenReport_whenDescribed_thenCommandOriginAndExplanationInOneLine() {
        assertThat(VENV.describe()).isEqualTo("/srv/backend/.venv/bin/python (backend venv): Python 3.11.7, usable");
    }

    @Test
    void givenBlankCommand_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new InterpreterCandidateReport(" ", "PATH", false, Optional.empty(),
                Optional.empty(), List.of(), "not found"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate command must not be empty");
    }

    @Test
    void givenUsableCandidateMissingModules_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new InterpreterCandidateReport("python3", "PATH", true, Optional.of("3.12.1"),
                Optional.empty(), List.of("fastapi"), "Python 3.12.1, usable"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a usable candidate cannot miss modules, but python3 misses [fastapi]");
    }

    @Test
    void givenCandidatesInTrialOrder_whenMakingFindings_thenTheFirstUsableIsChosen() {
        Findings findings = Findings.of(List.of(STORE_STUB, WITHOUT_FASTAPI, VENV, PATH_PYTHON));

        assertThat(findings.chosen()).contains(VENV);
        assertThat(findings.candidates()).containsExactly(STORE_STUB, WITHOUT_FASTAPI, VENV, PATH_PYTHON);
    }

    @Test
    void givenNoUsableCandidate_whenMakingFindings_thenNoneIsChosen() {
        assertThat(Findings.of(List.of(STORE_STUB, WITHOUT_FASTAPI)).chosen()).isEmpty();
    }

    @Test
    void givenChosenCandidateThatIsNotAmongTheCandidates_whenCreatingFindings_thenRejected() {
        assertThatThrownBy(() -> new Findings(List.of(STORE_STUB), Optional.of(VENV)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the chosen interpreter must be one of the candidates");
    }

    @Test
    void givenChosenCandidateAmongTheCandidates_whenCreatingFindings_thenKept() {
        assertThat(new Findings(List.of(STORE_STUB, VENV), Optional.of(VENV)).chosen()).contains(VENV);
    }
}
