package io.lifeline.adapter.cli.export;

import java.util.Map;

/**
 * What the kubelet makes of a container's {@code command}, {@code args} and env {@code value}s: {@code $(NAME)} is
 * the variable's value when it is defined (else left as written), {@code $$} is {@code $}. A line-by-line port of
 * Kubernetes' own {@code third_party/forked/golang/expansion/expand.go} (kubernetes/kubernetes at
 * {@code fde22c3f9aacfd260225a9741de123a41157b7c0}), which no tool here runs without a cluster.
 */
final class KubernetesExpansion {

    private KubernetesExpansion() {
    }

    static String expand(String input, Map<String, String> variables) {
        StringBuilder out = new StringBuilder();
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
                out.append(input, checkpoint, cursor);
                String rest = input.substring(cursor + 1);
                String read;
                boolean isVariable;
                int advance;
                if (rest.charAt(0) == '$') {
                    read = "$";
                    isVariable = false;
                    advance = 1;
                } else if (rest.charAt(0) == '(') {
                    int closer = rest.indexOf(')', 1);
                    if (closer >= 0) {
                        read = rest.substring(1, closer);
                        isVariable = true;
                        advance = closer + 1;
                    } else {
                        read = "$(";
                        isVariable = false;
                        advance = 1;
                    }
                } else {
                    int rune = rest.codePointAt(0);
                    read = "$" + Character.toString(rune);
                    isVariable = false;
                    advance = Character.charCount(rune);
                }
                if (isVariable) {
                    out.append(variables.getOrDefault(read, "$(" + read + ")"));
                } else {
                    out.append(read);
                }
                cursor += advance;
                checkpoint = cursor + 1;
            }
        }
        return out.append(input.substring(checkpoint)).toString();
    }
}
