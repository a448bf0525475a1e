package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks rendered Kubernetes objects as the API server would, without one: each document is read into fabric8's
 * Kubernetes model with unknown fields rejected twice over (Jackson fails on them once fabric8's catch-all setter is
 * switched off, and a walk of the model read as fabric8 reads it finds any field it kept in
 * {@code additionalProperties}), scalars of the wrong type rejected (Go's JSON decoding refuses a number for a
 * string), and then the API server's validation rules that the model's types do not carry (value ranges, names,
 * labels, probes). Each violation is one line naming the object and the field.
 */
final class KubernetesValidator {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class);

    /** Reads what fabric8 reads: an unknown field lands in the object's {@code additionalProperties}. */
    private static final ObjectMapper LENIENT = strict(new YAMLMapper());
    /** Fails on an unknown field: fabric8's {@code @JsonAnySetter} is not seen. */
    private static final ObjectMapper STRICT = strict(YAMLMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return annotated instanceof AnnotatedMember member
                            && member.getDeclaringClass().getName().startsWith("io.fabric8.") ? Boolean.FALSE
                            : super.hasAnySetter(annotated);
                }
            }).build());
    /** Reads the documents; a key twice in one mapping, which the API server refuses, fails here too. */
    private static final ObjectMapper DOCUMENTS = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private KubernetesValidator() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // What Go's JSON decoding refuses: a number or boolean for a string, a string or fraction for an integer.
        Map<LogicalType, List<CoercionInputShape>> refused = Map.of(
                LogicalType.Textual, List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean),
                LogicalType.Integer, List.of(CoercionInputShape.String, CoercionInputShape.Float,
                        CoercionInputShape.Boolean),
                LogicalType.Boolean, List.of(CoercionInputShape.String, CoercionInputShape.Integer));
        refused.forEach((type, shapes) -> shapes.forEach(shape -> mapper.coercionConfigFor(type)
                .setCoercion(shape, CoercionAction.Fail)));
        return mapper;
    }

    /** Every document of a multi-document file, as fabric8 objects; fails with every violation when one is found. */
    static List<HasMetadata> objects(String yaml) {
        List<String> violations = violations(yaml);
        if (!violations.isEmpty()) {
            throw new AssertionError("not valid for Kubernetes:\n" + String.join("\n", violations));
        }
        return documents(yaml).stream().map(document -> read(LENIENT, document)).toList();
    }

    /** What the API server would refuse, one line each; empty when it would take every document. */
    static List<String> violations(String yaml) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = documents(yaml);
        } catch (IllegalArgumentException e) {
            return List.of("not YAML: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            return List.of("no document");
        }
        for (JsonNode document : documents) {
            String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            Class<? extends HasMetadata> kind = KINDS.get(type);
            String where = type + " " + document.path("metadata").path("name").asText();
            if (kind == null) {
                violations.add(where + ": not a kind the export writes");
                continue;
            }
            try {
                STRICT.treeToValue(document, kind);
            } catch (IOException | IllegalArgumentException e) {
                violations.add(where + ": not a valid " + kind.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            HasMetadata object;
            try {
                object = read(LENIENT, document);
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<String> found = new ArrayList<>();
            unknownFields(object, "", found);
            rules(object, found);
            found.forEach(violation -> violations.add(where + ": " + violation));
        }
        return violations;
    }

    private static List<JsonNode> documents(String yaml) {
        try (var values = DOCUMENTS.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static HasMetadata read(ObjectMapper mapper, JsonNode document) {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        try {
            return mapper.treeToValue(document, Objects.requireNonNull(KINDS.get(type), type));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---- unknown fields

    /** Every field fabric8 did not know, found in the {@code additionalProperties} of any object in the graph. */
    static void unknownFields(Object node, String path, List<String> found) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, found));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add((path.isEmpty() ? "" : path.substring(1) + ".") + key
                            + ": unknown field"));
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + name, found);
        }
    }

    // ---- the API server's rules

    private static void rules(HasMetadata object, List<String> found) {
        ObjectMeta metadata = object.getMetadata();
        if (metadata == null || metadata.getName() == null) {
            found.add("metadata.name: required");
            return;
        }
        Pattern name = object instanceof Service ? DNS_1035_LABEL : DNS_LABEL;
        if (!label(name, metadata.getName())) {
            found.add("metadata.name: '" + metadata.getName() + "' is not a DNS-1123 label"
                    + (object instanceof Service ? " starting with a letter (DNS-1035)" : ""));
        }
        labels("metadata.labels", metadata.getLabels(), found);
        if (object instanceof Deployment deployment) {
            var spec = deployment.getSpec();
            if (spec == null || spec.getTemplate() == null || spec.getSelector() == null) {
                found.add("spec: selector and template are required");
                return;
            }
            if (spec.getReplicas() != null && spec.getReplicas() < 0) {
                found.add("spec.replicas: " + spec.getReplicas() + ", must be >= 0");
            }
            selects("spec.selector.matchLabels", spec.getSelector().getMatchLabels(), spec.getTemplate(), found);
            pod(spec.getTemplate(), Set.of("Always"), found);
        } else if (object instanceof Job job) {
            var spec = job.getSpec();
            if (spec == null || spec.getTemplate() == null) {
                found.add("spec.template: required");
                return;
            }
            atLeast("spec.backoffLimit", spec.getBackoffLimit(), 0, found);
            atLeast("spec.activeDeadlineSeconds", spec.getActiveDeadlineSeconds(), 1, found);
            if (spec.getTemplate().getSpec() != null && spec.getTemplate().getSpec().getRestartPolicy() == null) {
                found.add("spec.template.spec.restartPolicy: required for a Job (OnFailure or Never)");
            }
            pod(spec.getTemplate(), Set.of("OnFailure", "Never"), found);
        } else if (object instanceof Service service) {
            var spec = service.getSpec();
            if (spec == null || spec.getPorts() == null || spec.getPorts().isEmpty()) {
                found.add("spec.ports: required");
                return;
            }
            labels("spec.selector", spec.getSelector(), found);
            if (spec.getType() != null && !Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")
                    .contains(spec.getType())) {
                found.add("spec.type: '" + spec.getType() + "' is not a Service type");
            }
            for (ServicePort port : spec.getPorts()) {
                String at = "spec.ports[" + port.getPort() + "]";
                port(at + ".port", port.getPort(), found);
                if (port.getTargetPort() != null) {
                    port(at + ".targetPort", port.getTargetPort(), Set.of(), false, found);
                }
                protocol(at, port.getProtocol(), found);
            }
            if (spec.getPorts().size() > 1 && spec.getPorts().stream().anyMatch(port -> port.getName() == null)) {
                found.add("spec.ports: each of several ports needs a name");
            }
        }
    }

    private static void pod(PodTemplateSpec template, Set<String> restartPolicies, List<String> found) {
        if (template.getMetadata() != null) {
            labels("spec.template.metadata.labels", template.getMetadata().getLabels(), found);
        }
        PodSpec pod = template.getSpec();
        if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
            found.add("spec.template.spec.containers: at least one is required");
            return;
        }
        if (pod.getRestartPolicy() != null && !restartPolicies.contains(pod.getRestartPolicy())) {
            found.add("spec.template.spec.restartPolicy: '" + pod.getRestartPolicy() + "', must be one of "
                    + restartPolicies);
        }
        atLeast("spec.template.spec.terminationGracePeriodSeconds", pod.getTerminationGracePeriodSeconds(), 0,
                found);
        List<Container> init = pod.getInitContainers() == null ? List.of() : pod.getInitContainers();
        List<String> names = new ArrayList<>();
        for (Container container : Stream.concat(init.stream(), pod.getContainers().stream()).toList()) {
            boolean isInit = init.contains(container);
            String at = "spec.template.spec." + (isInit ? "initContainers" : "containers") + "[" + container.getName()
                    + "]";
            if (container.getName() == null || !label(DNS_LABEL, container.getName())) {
                found.add(at + ".name: '" + container.getName() + "' is not a DNS-1123 label");
            }
            if (names.contains(container.getName())) {
                found.add(at + ".name: '" + container.getName() + "' is not unique in the pod (init containers"
                        + " included)");
            }
            names.add(container.getName());
            container(at, container, isInit, found);
        }
    }

    private static void container(String at, Container container, boolean isInit, List<String> found) {
        if (container.getImage() == null || container.getImage().isBlank()) {
            found.add(at + ".image: required");
        }
        Set<String> portNames = new java.util.HashSet<>();
        for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
            port(at + ".ports.containerPort", port.getContainerPort(), found);
            if (port.getHostPort() != null) {
                port(at + ".ports.hostPort", port.getHostPort(), found);
            }
            protocol(at + ".ports", port.getProtocol(), found);
            if (port.getName() != null) {
                portNames.add(port.getName());
            }
        }
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String where = at + ".env[" + env.getName() + "]";
            if (env.getName() == null || !ENV_NAME.matcher(env.getName()).matches()) {
                found.add(where + ".name: not a valid variable name");
            }
            if (env.getValue() != null && env.getValueFrom() != null) {
                found.add(where + ": value and valueFrom are exclusive");
            }
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                var ref = env.getValueFrom().getSecretKeyRef();
                if (ref.getName() == null || !DNS_SUBDOMAIN.matcher(ref.getName()).matches()) {
                    found.add(where + ".valueFrom.secretKeyRef.name: not a Secret's name");
                }
                if (ref.getKey() == null || !SECRET_KEY.matcher(ref.getKey()).matches()) {
                    found.add(where + ".valueFrom.secretKeyRef.key: not a Secret key");
                }
            }
        }
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.forEach((kind, probe) -> {
            if (probe == null) {
                return;
            }
            String where = at + "." + kind;
            if (isInit) {
                found.add(where + ": may not be set for an init container");
            }
            probe(where, probe, portNames, found);
            if (!kind.equals("readinessProbe") && probe.getSuccessThreshold() != null
                    && probe.getSuccessThreshold() != 1) {
                found.add(where + ".successThreshold: " + probe.getSuccessThreshold() + ", must be 1 for "
                        + kind);
            }
        });
    }

    private static void probe(String at, Probe probe, Set<String> portNames, List<String> found) {
        long handlers = Stream.of(probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc())
                .filter(Objects::nonNull).count();
        if (handlers != 1) {
            found.add(at + ": must have exactly one handler (exec, httpGet, tcpSocket or grpc), has " + handlers);
        }
        atLeast(at + ".periodSeconds", probe.getPeriodSeconds(), 1, found);
        atLeast(at + ".timeoutSeconds", probe.getTimeoutSeconds(), 1, found);
        atLeast(at + ".successThreshold", probe.getSuccessThreshold(), 1, found);
        atLeast(at + ".failureThreshold", probe.getFailureThreshold(), 1, found);
        atLeast(at + ".initialDelaySeconds", probe.getInitialDelaySeconds(), 0, found);
        atLeast(at + ".terminationGracePeriodSeconds", probe.getTerminationGracePeriodSeconds(), 1, found);
        if (probe.getExec() != null && (probe.getExec().getCommand() == null
                || probe.getExec().getCommand().isEmpty())) {
            found.add(at + ".exec.command: required");
        }
        if (probe.getHttpGet() != null) {
            port(at + ".httpGet.port", probe.getHttpGet().getPort(), portNames, true, found);
            String path = probe.getHttpGet().getPath();
            if (path != null && !path.startsWith("/")) {
                found.add(at + ".httpGet.path: '" + path + "' must start with '/'");
            }
        }
        if (probe.getTcpSocket() != null) {
            port(at + ".tcpSocket.port", probe.getTcpSocket().getPort(), portNames, true, found);
        }
    }

    private static void port(String at, IntOrString port, Set<String> names, boolean mustBeNamed,
                             List<String> found) {
        if (port == null) {
            found.add(at + ": required");
        } else if (port.getValue() instanceof Integer number) {
            port(at, number, found);
        } else if (port.getValue() instanceof String name) {
            if (!PORT_NAME.matcher(name).matches() || name.length() > 15 || !name.matches(".*[a-z].*")) {
                found.add(at + ": '" + name + "' is not a port name");
            } else if (mustBeNamed && !names.contains(name)) {
                found.add(at + ": no container port is named '" + name + "'");
            }
        } else {
            found.add(at + ": " + port.getValue() + " is neither a port number nor a name");
        }
    }

    private static void port(String at, Integer port, List<String> found) {
        if (port == null || port < 1 || port > 65_535) {
            found.add(at + ": " + port + ", must be 1-65535");
        }
    }

    private static void protocol(String at, String protocol, List<String> found) {
        if (protocol != null && !Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
            found.add(at + ".protocol: '" + protocol + "' is not TCP, UDP or SCTP");
        }
    }

    private static void atLeast(String at, Number value, long minimum, List<String> found) {
        if (value != null && value.longValue() < minimum) {
            found.add(at + ": " + value + ", must be >= " + minimum);
        }
    }

    private static void selects(String at, Map<String, String> selector, PodTemplateSpec template,
                                List<String> found) {
        labels(at, selector, found);
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
        if (selector == null || selector.isEmpty()) {
            found.add(at + ": required, and not empty");
        } else if (!labels.entrySet().containsAll(selector.entrySet())) {
            found.add(at + ": `selector` does not match template `labels`");
        }
    }

    private static void labels(String at, Map<String, String> labels, List<String> found) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            if ((prefix != null && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()))
                    || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
                found.add(at + ": '" + key + "' is not a label key");
            }
            if (value == null || value.length() > 63 || !(value.isEmpty() || QUALIFIED_NAME.matcher(value).matches())) {
                found.add(at + "." + key + ": '" + value + "' is not a label value");
            }
        });
    }

    private static boolean label(Pattern pattern, String name) {
        return name.length() <= 63 && pattern.matcher(name).matches();
    }
}
