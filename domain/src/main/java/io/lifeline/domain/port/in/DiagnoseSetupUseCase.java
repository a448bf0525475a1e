package io.lifeline.domain.port.in;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.ProgramCheck;

import java.util.Optional;

/** The questions a start depends on, asked live, without starting anything. */
public interface DiagnoseSetupUseCase {

    /** Every interpreter candidate for the backend, checked, and the one a launch would choose. */
    InterpreterDiagnosis.Findings interpreters(BackendSpec backend);

    /** The program the backend's command runs, found as a launch would find it, or why it cannot run. */
    ProgramCheck.Finding program(BackendSpec backend);

    /** Who holds the endpoint's port, if the operating system says. */
    Optional<PortHolder> holderOf(Endpoint endpoint);
}
