package io.lifeline.domain.operation;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.ProgramCheck;

import java.util.Objects;
import java.util.Optional;

/** {@link DiagnoseSetupUseCase} over the interpreter diagnosis, port owner and program check ports. */
public final class SetupDiagnosisService implements DiagnoseSetupUseCase {

    private final InterpreterDiagnosis interpreters;
    private final PortOwnerLookup portOwners;
    private final ProgramCheck programs;

    public SetupDiagnosisService(InterpreterDiagnosis interpreters, PortOwnerLookup portOwners,
                                 ProgramCheck programs) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.portOwners = Objects.requireNonNull(portOwners, "portOwners");
        this.programs = Objects.requireNonNull(programs, "programs");
    }

    @Override
    public ProgramCheck.Finding program(BackendSpec backend) {
        return programs.check(backend);
    }

    @Override
    public InterpreterDiagnosis.Findings interpreters(BackendSpec backend) {
        return interpreters.diagnose(backend);
    }

    @Override
    public Optional<PortHolder> holderOf(Endpoint endpoint) {
        return portOwners.holderOf(endpoint);
    }
}
