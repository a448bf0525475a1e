package io.lifeline.domain.operation;

import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.port.in.DiagnoseSetupUseCase;
import io.lifeline.domain.port.out.InterpreterDiagnosis;
import io.lifeline.domain.port.out.PortOwnerLookup;

import java.util.Objects;
import java.util.Optional;

/** {@link DiagnoseSetupUseCase} over the interpreter diagnosis and port owner ports. */
public final class SetupDiagnosisService implements DiagnoseSetupUseCase {

    private final InterpreterDiagnosis interpreters;
    private final PortOwnerLookup portOwners;

    public SetupDiagnosisService(InterpreterDiagnosis interpreters, PortOwnerLookup portOwners) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.portOwners = Objects.requireNonNull(portOwners, "portOwners");
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
