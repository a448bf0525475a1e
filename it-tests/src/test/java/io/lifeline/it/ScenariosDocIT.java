package io.lifeline.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/scenarios.md and the scenario ITs match one to one: no scenario without a test, no test without a row. */
class ScenariosDocIT {

    private static final List<Class<?>> SCENARIO_TESTS = List.of(HealthyBackendIT.class, DegradedBackendIT.class,
            UnhealthyBackendIT.class, SlowStartIT.class, CrashingBackendIT.class, CrashThenRecoverIT.class,
            HangingHealthIT.class, SlowHealthIT.class, MissingDependencyIT.class, MalformedHealthIT.class,
            ImpostorOnPortIT.class, PortInUseIT.class, BindOtherPortIT.class, FlappingBackendIT.class,
            AttachToRunningBackendIT.class, CliProcessIT.class, RestartAfterCrashIT.class, CrashLoopGiveUpIT.class,
            LivenessFailureIT.class, CliSupervisionIT.class, OperatorCliIT.class,
            DoctorIT.class, HealthContractsIT.class, AnyBackendIT.class, WaitIT.class, FrontEndTieIT.class, OwnershipIT.class,
            ProvenBackendIT.class, PrivateRunFolderIT.class, AppIT.class, ExportIT.class);
    private static final Pattern REFERENCE = Pattern.compile("`(\\w+IT)\\.(\\w+)`");

    @Test
    void everyScenarioTestHasARowAndEveryRowNamesAnExistingTest() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "scenarios.md"));
        Set<String> referenced = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(doc);
        while (matcher.find()) {
            referenced.add(matcher.group(1) + "." + matcher.group(2));
        }
        Set<String> tests = new TreeSet<>();
        for (Class<?> type : SCENARIO_TESTS) {
            Arrays.stream(type.getDeclaredMethods()).filter(ScenariosDocIT::isTest)
                    .map(Method::getName).forEach(name -> tests.add(type.getSimpleName() + "." + name));
        }

        assertThat(referenced).isEqualTo(tests);
    }

    @Test
    void everyItClassInThisPackageIsListedHere() throws IOException {
        try (var files = Files.list(Path.of("src", "test", "java", "io", "lifeline", "it"))) {
            Set<String> itClasses = new TreeSet<>(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("IT.java") && !name.equals("ScenariosDocIT.java"))
                    .map(name -> name.substring(0, name.length() - ".java".length())).toList());

            assertThat(itClasses).isEqualTo(new TreeSet<>(SCENARIO_TESTS.stream().map(Class::getSimpleName).toList()));
        }
    }

    private static boolean isTest(Method method) {
        return method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class);
    }
}
