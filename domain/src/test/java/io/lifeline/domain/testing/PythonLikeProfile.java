package io.lifeline.domain.testing;

import io.lifeline.domain.model.BackendProfile;
import io.lifeline.domain.model.BackendSpec;
import io.lifeline.domain.model.Endpoint;
import io.lifeline.domain.model.PackagesMissing;
import io.lifeline.domain.model.StartupFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake {@link BackendProfile} that reads output the way the Python profile in adapters-process does, in brief: a
 * {@code ModuleNotFoundError} is missing packages (install command: {@code <interpreter> -m pip install -r
 * <dir>/requirements.txt}), an {@code [Errno 98]} line a held port. Lets the use-case tests speak about a Python
 * backend without depending on the adapter.
 */
public final class PythonLikeProfile implements BackendProfile {

    private static final Pattern MODULE_NOT_FOUND = Pattern.compile("ModuleNotFoundError: No module named '([^'.]+)");
    private static final Pattern BIND_ERROR = Pattern.compile("address already in use|\\[Errno 98]",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Optional<StartupFailure> explainExit(int exitCode, List<String> lastOutput, BackendSpec backend,
                                                String program, Endpoint endpoint) {
        List<String> missing = new ArrayList<>();
        for (String line : lastOutput) {
            Matcher module = MODULE_NOT_FOUND.matcher(line);
            if (module.find() && !missing.contains(module.group(1))) {
                missing.add(module.group(1));
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(new PackagesMissing("Python", missing, program,
                    program + " -m pip install -r " + backend.directory().resolve("requirements.txt")));
        }
        return BackendProfile.addressInUse(lastOutput, endpoint, BIND_ERROR);
    }
}
