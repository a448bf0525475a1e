package io.lifeline.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain knows nothing of Python, HTTP or the CLI: those words, patterns and flags belong to the adapters that
 * know the technology (docs/architecture.md). Scans every main source file of this module, comments included.
 */
class DomainSpeaksOnlyDomainTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern FORBIDDEN = Pattern.compile(String.join("|",
            "\\bpip\\b", "python", "fastapi", "uvicorn", "main\\.py", "errno", "modulenotfounderror",
            "\\bhttp\\b", "\\b(200|201|204|301|302|400|401|403|404|500|502|503|504)\\b",
            "(?<![-\\w])--[a-z][a-z-]*"), Pattern.CASE_INSENSITIVE);

    @Test
    void givenEveryMainSourceFile_thenNoTechnologyOrCliWordIsInIt() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = FORBIDDEN.matcher(lines.get(i));
                    while (matcher.find()) {
                        found.add(MAIN.relativize(file) + ":" + (i + 1) + " '" + matcher.group() + "'");
                    }
                }
            }
        }

        assertThat(found).as("technology words in domain/src/main").isEmpty();
    }

    @Test
    void givenAFileWithSuchWords_thenTheScanFindsThem() {
        assertThat(FORBIDDEN.matcher("return \"Install Python 3.10+\";").find()).isTrue();
        assertThat(FORBIDDEN.matcher("\"start on another port with --port\"").find()).isTrue();
        assertThat(FORBIDDEN.matcher("\"HTTP \" + status").find()).isTrue();
        assertThat(FORBIDDEN.matcher("boolean ok = status == 503;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("// ---- helpers ----").find()).isFalse();
        assertThat(FORBIDDEN.matcher("stdin is an open pipe").find()).isFalse();
    }
}
