package io.lifeline.adapter.cli.export;

import io.lifeline.domain.model.BackendName;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Kubernetes names of an app's backends: the backend's name as a DNS-1123 label ({@code my_api} is
 * {@code my-api}), which names its container and labels its objects, and {@code <app>-<label>}, which names its
 * Deployment, Service, Job and Secret. Refuses a backend whose name makes no valid label, and two backends that make
 * the same one, before anything is written.
 */
final class KubernetesNames {

    /** RFC 1123 label: what the API server wants for container names, label values of ours and most object names. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final String app;
    private final Map<BackendName, String> labels;

    private KubernetesNames(String app, Map<BackendName, String> labels) {
        this.app = app;
        this.labels = labels;
    }

    static KubernetesNames of(Deployment deployment) {
        Map<BackendName, String> labels = new LinkedHashMap<>();
        Map<String, BackendName> taken = new LinkedHashMap<>();
        for (DeployedBackend backend : deployment.backends()) {
            String label = backend.name().value().toLowerCase(Locale.ROOT).replace('_', '-');
            String object = deployment.app() + "-" + label;
            if (!DNS_LABEL.matcher(label).matches() || !DNS_LABEL.matcher(object).matches()) {
                throw new ExportRefused(backend.name() + ": name: Kubernetes names '" + object + "' and '" + label
                        + "' must be at most 63 lower-case letters, digits and '-', starting and ending with a letter"
                        + " or digit; rename the backend (or shorten the config file's name)");
            }
            BackendName other = taken.putIfAbsent(label, backend.name());
            if (other != null) {
                throw new ExportRefused(backend.name() + ": name: it and backend " + other + " are both '" + label
                        + "' in Kubernetes (lower case, '_' as '-'); rename one of them");
            }
            if (backend.listens() && !Character.isLetter(object.charAt(0))) {
                throw new ExportRefused(backend.name() + ": name: a Kubernetes Service name starts with a letter, and"
                        + " '" + object + "' starts with the app's name; rename the config file to start with a letter");
            }
            labels.put(backend.name(), label);
        }
        return new KubernetesNames(deployment.app(), labels);
    }

    /** The backend's name as Kubernetes spells it: its container's name and its {@code app.kubernetes.io/name}. */
    String label(BackendName backend) {
        String label = labels.get(backend);
        if (label == null) {
            throw new IllegalArgumentException(backend + " is not in the export");
        }
        return label;
    }

    /** Its Deployment's, Service's or Job's name, and the host name its Service gives it. */
    String object(BackendName backend) {
        return app + "-" + label(backend);
    }

    /** The Secret its secret variables are taken from, which the export does not write. */
    String secret(BackendName backend) {
        return object(backend) + "-secrets";
    }

    /** The labels on its objects and pods. */
    Map<String, String> labels(BackendName backend) {
        Map<String, String> labels = new LinkedHashMap<>(selector(backend));
        labels.put("app.kubernetes.io/managed-by", "lifeline-export");
        return labels;
    }

    /** The labels that pick its pods: those that stay the same when the export does not. */
    Map<String, String> selector(BackendName backend) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", label(backend));
        labels.put("app.kubernetes.io/part-of", app);
        return labels;
    }
}
