package io.lifeline.adapter.cli.export;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * process-compose's published schema, structurally: what it allows of the keys the process-compose renderer writes.
 *
 * <p>The schema ({@code schemas/process-compose-schema.json} of F1bonacc1/process-compose) cannot be used as it is:
 * the build reaches only Maven Central and npm, and neither carries it; and it validates little, since no object of
 * it forbids unknown keys ({@code additionalProperties} is never false), so a misspelled key would pass. So this class
 * lists, for every object the renderer writes, the keys and types that schema allows (at commit
 * {@code 54c2ef9bfe33dc4b3ca9f8ccdf38718705f33ee1}, release v1.122.0) and rejects any other key, plus the rules its
 * loader checks that the schema cannot say (a {@code process_healthy} dependency has a probe, a
 * {@code process_log_ready} one a {@code ready_log_line}, never a probe and a ready line together, probe numbers at
 * least 1, since a 0 silently becomes process-compose's default), and what its templater does to a value before it
 * runs anything ({@code src/templater/templater.go} at the same commit): it renders the command (unless
 * {@code is_template_disabled}), the working_dir, the environment and the probes' commands and addresses as Go
 * templates, always (it adds {@code PC_REPLICA_NUM} to every process), so two opening braces there that are not the
 * escape {@link #TEMPLATE_ESCAPE} fail the load when unclosed and are replaced when closed.
 */
final class ProcessComposeSchema {

    private enum Type { STRING, INTEGER, BOOLEAN, STRINGS, PROCESSES, PROCESS, PROBE, EXEC, HTTP, AVAILABILITY,
        SHUTDOWN, DEPENDS_ON, DEPENDENCY }

    private static final Map<Type, Map<String, Type>> OBJECTS = Map.of(
            Type.PROCESSES, Map.of(),
            Type.PROCESS, Map.ofEntries(Map.entry("command", Type.STRING), Map.entry("working_dir", Type.STRING),
                    Map.entry("environment", Type.STRINGS), Map.entry("env_file", Type.STRING),
                    Map.entry("readiness_probe", Type.PROBE), Map.entry("liveness_probe", Type.PROBE),
                    Map.entry("ready_log_line", Type.STRING), Map.entry("availability", Type.AVAILABILITY),
                    Map.entry("shutdown", Type.SHUTDOWN), Map.entry("depends_on", Type.DEPENDS_ON),
                    Map.entry("description", Type.STRING), Map.entry("is_daemon", Type.BOOLEAN),
                    Map.entry("is_template_disabled", Type.BOOLEAN)),
            Type.PROBE, Map.of("exec", Type.EXEC, "http_get", Type.HTTP, "initial_delay_seconds", Type.INTEGER,
                    "period_seconds", Type.INTEGER, "timeout_seconds", Type.INTEGER,
                    "success_threshold", Type.INTEGER, "failure_threshold", Type.INTEGER),
            Type.EXEC, Map.of("command", Type.STRING, "working_dir", Type.STRING),
            Type.HTTP, Map.of("host", Type.STRING, "path", Type.STRING, "scheme", Type.STRING,
                    "port", Type.STRING, "num_port", Type.INTEGER, "status_code", Type.INTEGER),
            Type.AVAILABILITY, Map.of("restart", Type.STRING, "backoff_seconds", Type.INTEGER,
                    "max_restarts", Type.INTEGER, "exit_on_end", Type.BOOLEAN, "exit_on_skipped", Type.BOOLEAN),
            Type.SHUTDOWN, Map.of("command", Type.STRING, "timeout_seconds", Type.INTEGER,
                    "signal", Type.INTEGER, "parent_only", Type.BOOLEAN),
            Type.DEPENDENCY, Map.of("condition", Type.STRING));
    private static final Map<String, Type> PROJECT = Map.of("version", Type.STRING,
            "disable_env_expansion", Type.BOOLEAN, "processes", Type.PROCESSES, "environment", Type.STRINGS,
            "is_strict", Type.BOOLEAN);
    /** A Go template action that prints two opening braces: how a literal one is written in a templated value. */
    static final String TEMPLATE_ESCAPE = "{{\"{{\"}}";
    private static final Set<String> RESTARTS = Set.of("always", "on_failure", "exit_on_failure", "no");
    private static final Set<String> CONDITIONS = Set.of("process_started", "process_healthy",
            "process_completed", "process_completed_successfully", "process_log_ready");
    /** 0 is "unset" to process-compose's probe defaults: these must be written as 1 or more. */
    private static final Set<String> AT_LEAST_ONE = Set.of("period_seconds", "timeout_seconds",
            "success_threshold", "failure_threshold");

    private ProcessComposeSchema() {
    }

    /** Every problem of a process-compose project (the file read as a tree), one line each; empty when it is valid. */
    static List<String> problems(JsonNode project) {
        List<String> problems = new ArrayList<>();
        check("", project, PROJECT, problems);
        if (!project.path("processes").isObject() || project.get("processes").isEmpty()) {
            problems.add("processes: required, at least one");
            return problems;
        }
        JsonNode processes = project.get("processes");
        processes.fields().forEachRemaining(entry -> {
            String at = "processes." + entry.getKey();
            JsonNode process = entry.getValue();
            check(at, process, OBJECTS.get(Type.PROCESS), problems);
            String restart = process.at("/availability/restart").asText("no");
            if (!RESTARTS.contains(restart)) {
                problems.add(at + ".availability.restart: '" + restart + "' is not one of " + RESTARTS);
            }
            if (process.has("readiness_probe") && process.has("ready_log_line")) {
                problems.add(at + ": a readiness_probe and a ready_log_line cannot go together");
            }
            for (String probe : List.of("readiness_probe", "liveness_probe")) {
                JsonNode found = process.path(probe);
                if (found.isObject() && found.has("exec") == found.has("http_get")) {
                    problems.add(at + "." + probe + ": exactly one of exec and http_get");
                }
                AT_LEAST_ONE.forEach(key -> {
                    if (found.has(key) && found.get(key).asInt() < 1) {
                        problems.add(at + "." + probe + "." + key + ": at least 1");
                    }
                });
            }
            templated(process).forEach((key, value) -> {
                if (value.replace(TEMPLATE_ESCAPE, "").contains("{{")) {
                    problems.add(at + "." + key + ": '{{' is a Go template action here; write it as "
                            + TEMPLATE_ESCAPE);
                }
            });
            process.path("depends_on").fields().forEachRemaining(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                JsonNode other = processes.path(dependency.getKey());
                if (other.isMissingNode()) {
                    problems.add(at + ".depends_on: no process " + dependency.getKey());
                }
                if (!CONDITIONS.contains(condition)) {
                    problems.add(at + ".depends_on." + dependency.getKey() + ": '" + condition
                            + "' is not one of " + CONDITIONS);
                }
                if (condition.equals("process_healthy") && !other.has("readiness_probe")
                        && !other.has("liveness_probe")) {
                    problems.add(at + ".depends_on." + dependency.getKey() + ": process_healthy needs a probe");
                }
                if (condition.equals("process_log_ready") && !other.has("ready_log_line")) {
                    problems.add(at + ".depends_on." + dependency.getKey()
                            + ": process_log_ready needs a ready_log_line");
                }
            });
        });
        return problems;
    }

    /** The values of a process its templater renders, by where they are. */
    private static Map<String, String> templated(JsonNode process) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!process.path("is_template_disabled").asBoolean(false)) {
            values.put("command", process.path("command").asText(""));
        }
        for (String key : List.of("working_dir", "description", "log_location")) {
            values.put(key, process.path(key).asText(""));
        }
        int index = 0;
        for (JsonNode variable : process.path("environment")) {
            values.put("environment[" + index++ + "]", variable.asText());
        }
        for (String probe : List.of("readiness_probe", "liveness_probe")) {
            values.put(probe + ".exec.command", process.path(probe).at("/exec/command").asText(""));
            for (String key : List.of("path", "host", "scheme", "port")) {
                values.put(probe + ".http_get." + key, process.path(probe).path("http_get").path(key).asText(""));
            }
        }
        return values;
    }

    private static void check(String at, JsonNode node, Map<String, Type> keys, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": not a mapping");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            Type type = keys.get(field.getKey());
            if (type == null) {
                problems.add(path + ": not a key process-compose knows here");
                continue;
            }
            JsonNode value = field.getValue();
            switch (type) {
                case STRING -> expect(path, value.isTextual(), "a string", problems);
                case INTEGER -> expect(path, value.isIntegralNumber(), "an integer", problems);
                case BOOLEAN -> expect(path, value.isBoolean(), "true or false", problems);
                case STRINGS -> {
                    expect(path, value.isArray(), "a list", problems);
                    value.forEach(item -> expect(path, item.isTextual(), "a list of strings", problems));
                }
                case PROCESSES, DEPENDS_ON -> {
                    expect(path, value.isObject(), "a mapping", problems);
                    if (type == Type.DEPENDS_ON) {
                        value.fields().forEachRemaining(entry -> check(path + "." + entry.getKey(),
                                entry.getValue(), OBJECTS.get(Type.DEPENDENCY), problems));
                    }
                }
                default -> check(path, value, OBJECTS.get(type), problems);
            }
        }
    }

    private static void expect(String path, boolean holds, String what, List<String> problems) {
        if (!holds) {
            problems.add(path + ": must be " + what);
        }
    }
}
