package io.lifeline.domain.port.out.contract;

import io.lifeline.domain.port.out.PortOwnerLookup;

/** The stand-in for systems that do not tell who listens: it keeps the contract by never naming anyone. */
class UnknownPortOwnerLookupContractTest extends PortOwnerLookupContract {

    @Override
    protected PortOwnerLookup lookup() {
        return PortOwnerLookup.UNKNOWN;
    }

    @Override
    protected boolean seesThisProcess() {
        return false;
    }
}
