package io.lifeline.adapter.process;

import io.lifeline.domain.port.out.PortOwnerLookup;
import io.lifeline.domain.port.out.contract.PortOwnerLookupContract;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The /proc reader against the port-owner contract: on Linux it sees the listening sockets of its own user. */
@EnabledOnOs(OS.LINUX)
class ProcPortOwnerLookupContractTest extends PortOwnerLookupContract {

    private final ProcPortOwnerLookup lookup = new ProcPortOwnerLookup();

    @Override
    protected PortOwnerLookup lookup() {
        return lookup;
    }

    @Override
    protected boolean seesThisProcess() {
        return true;
    }
}
