package io.lifeline.domain.port.out;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.BackendSpec;

/**
 * The adapters one backend's run talks to that depend on the backend itself, chosen from its value: a probe for its
 * health contract and path, a profile for its command's language, a challenge over its health path. The rest of the
 * ports are shared by every backend of an app.
 */
public interface BackendAdapters {

    HealthProbe probe(BackendName name, BackendSpec backend);

    BackendProfile profile(BackendName name, BackendSpec backend);

    OwnershipChallenge challenge(BackendName name, BackendSpec backend);
}
