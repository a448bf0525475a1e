package io.lifeline.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.lifeline.domain.port.out.StatusPublisher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Maven's module graph cannot enforce: package rules inside modules, and the absence of cycles. Runs here
 * because the composition root's test classpath holds every module.
 */
class ArchitectureTest {

    private static final String CLI_COMMAND = "io.lifeline.adapter.cli.command";
    private static final String CLI_OUTPUT = "io.lifeline.adapter.cli.output";
    private static final String CLI_CONFIG = "io.lifeline.adapter.cli.config";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lifeline");
        assertThat(classes.stream().map(javaClass -> javaClass.getPackageName()).distinct())
                .as("every module is on the classpath, or the rules below check nothing")
                .contains("io.lifeline.domain.model", "io.lifeline.domain.usecase", "io.lifeline.domain.operation",
                        "io.lifeline.adapter.process", "io.lifeline.adapter.http", CLI_COMMAND, CLI_OUTPUT,
                        CLI_CONFIG, "io.lifeline.bootstrap");
    }

    @Test
    void layersFollowTheOnion() {
        onionArchitecture()
                .domainModels("io.lifeline.domain.model..")
                .domainServices("io.lifeline.domain.service..")
                .applicationServices("io.lifeline.domain.usecase..", "io.lifeline.domain.operation..",
                        "io.lifeline.domain.port..")
                .adapter("process", "io.lifeline.adapter.process..")
                .adapter("http", "io.lifeline.adapter.http..")
                .adapter("cli", "io.lifeline.adapter.cli..")
                // The composition root is no layer: knowing every adapter is its job.
                .ignoreDependency(resideInAPackage("io.lifeline.bootstrap.."), alwaysTrue())
                .check(classes);
    }

    @Test
    void domainDependsOnTheJdkAndItselfOnly() {
        noClasses().that().resideInAPackage("io.lifeline.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.lifeline.domain..")
                .check(classes);
    }

    @Test
    void domainNeverReadsTheClockOrSleeps() {
        noClasses().that().resideInAPackage("io.lifeline.domain..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .check(classes);
    }

    @Test
    void guiceOnlyInTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("io.lifeline.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..",
                        "javax.inject..")
                .check(classes);
    }

    @Test
    void retryLibraryOnlyBehindTheRetryPort() {
        noClasses().that().resideOutsideOfPackage("io.lifeline.adapter.process..")
                .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j..")
                .check(classes);
    }

    /** The CLI's roles: commands drive use cases; outputs are driven by events; configuration knows neither. */
    @Test
    void cliConfigurationKnowsNeitherCommandsNorOutputs() {
        noClasses().that().resideInAPackage(CLI_CONFIG + "..")
                .should().dependOnClassesThat().resideInAnyPackage(CLI_COMMAND + "..", CLI_OUTPUT + "..")
                .check(classes);
    }

    @Test
    void cliOutputsAreDrivenAndDriveNothing() {
        noClasses().that().resideInAPackage(CLI_OUTPUT + "..")
                .should().dependOnClassesThat().resideInAnyPackage(CLI_COMMAND + "..", "io.lifeline.domain.port.in..",
                        "picocli..")
                .check(classes);
    }

    @Test
    void onlyCommandsKnowPicocliOutsideTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages(CLI_COMMAND + "..", "io.lifeline.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    /**
     * A command drives its own narrow inbound port: it never calls an outbound port (it only hands a status publisher
     * over) nor knows the implementation of a use case.
     */
    @Test
    void commandsDriveInboundPortsOnly() {
        noClasses().that().resideInAPackage(CLI_COMMAND + "..")
                .should().dependOnClassesThat(resideInAPackage("io.lifeline.domain.port.out..").and(INTERFACES)
                        .and(not(equivalentTo(StatusPublisher.class))).as("outbound ports other than the publisher"))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.lifeline.domain.usecase..",
                        "io.lifeline.domain.operation..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.lifeline.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noFieldInjection() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }
}
