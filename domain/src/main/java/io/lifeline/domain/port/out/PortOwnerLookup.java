package io.lifeline.domain.port.out;

import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PortHolder;
import io.lifeline.domain.model.PortListener;

import java.util.Optional;

/** Finds out which process listens on a port, so a "port in use" report can name it. */
@FunctionalInterface
public interface PortOwnerLookup {

    /** Used where the operating system does not tell. */
    PortOwnerLookup UNKNOWN = endpoint -> Optional.empty();

    /**
     * The listener on {@code endpoint}'s port, if the OS lets us see it. Never throws and returns quickly (it is
     * asked once, when a start fails for a held port).
     */
    Optional<PortHolder> holderOf(Endpoint endpoint);

    /**
     * What listens on {@code endpoint}'s port, when {@code likelyPid} (a process just launched for it) is expected to:
     * an adapter may look there first, so the usual answer costs one process's descriptors, not every process's. Unlike
     * {@link #holderOf}, it tells "nobody listens" and "another user's socket" from "cannot tell". Never throws.
     */
    default PortListener listenerOf(Endpoint endpoint, long likelyPid) {
        return holderOf(endpoint).<PortListener>map(PortListener.Held::new).orElseGet(PortListener.Unknown::new);
    }
}
