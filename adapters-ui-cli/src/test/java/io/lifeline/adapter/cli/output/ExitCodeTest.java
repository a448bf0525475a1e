package io.lifeline.adapter.cli.output;

import io.lifeline.domain.model.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodeTest {

    /** Causes of a down after connect: a run that is not restarted ends as "disconnected", never as "failed". */
    private static final java.util.Set<FailureClass> ONLY_RESTART_CAUSES =
            java.util.EnumSet.of(FailureClass.BACKEND_EXITED, FailureClass.LIVENESS_FAILED);

    @Test
    void givenAllExitCodes_whenComparingNumbers_thenEachIsDistinct() {
        List<Integer> codes = Arrays.stream(ExitCode.values()).map(ExitCode::code).collect(Collectors.toList());

        assertThat(codes).doesNotHaveDuplicates();
    }

    @Test
    void givenAllExitCodes_whenCheckingRange_thenEachFitsAProcessExitStatus() {
        assertThat(ExitCode.values()).allSatisfy(exit -> assertThat(exit.code()).isBetween(0, 255));
    }

    @Test
    void givenAllFailureClassesThatCanEndARun_whenMapping_thenEachGetsItsOwnCode() {
        List<ExitCode> mapped = Arrays.stream(FailureClass.values())
                .filter(failureClass -> !ONLY_RESTART_CAUSES.contains(failureClass))
                .map(ExitCode::of).collect(Collectors.toList());

        assertThat(mapped).doesNotHaveDuplicates().hasSize(FailureClass.values().length - ONLY_RESTART_CAUSES.size());
    }

    @ParameterizedTest
    @EnumSource(value = FailureClass.class, names = {"BACKEND_EXITED", "LIVENESS_FAILED"})
    void givenACauseThatOnlyEverLeadsToARestart_whenMapping_thenItReadsAsDisconnected(FailureClass failureClass) {
        assertThat(ExitCode.of(failureClass)).isEqualTo(ExitCode.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(value = FailureClass.class, mode = EnumSource.Mode.EXCLUDE, names = {"BACKEND_EXITED", "LIVENESS_FAILED"})
    void givenFailureClass_whenMapping_thenNonZeroCodeOfTheSameName(FailureClass failureClass) {
        ExitCode exit = ExitCode.of(failureClass);

        assertThat(exit.code()).isNotZero();
        assertThat(exit.name()).isEqualTo(failureClass.name());
        assertThat(exit).isNotIn(ExitCode.USAGE, ExitCode.INTERNAL_ERROR, ExitCode.INTERRUPTED, ExitCode.DISCONNECTED);
    }

    @Test
    void givenConventionalCodes_whenReading_thenTheyFollowSysexitsAndShells() {
        assertThat(ExitCode.OK.code()).isZero();
        assertThat(ExitCode.USAGE.code()).isEqualTo(64);
        assertThat(ExitCode.INTERNAL_ERROR.code()).isEqualTo(70);
        assertThat(ExitCode.INTERRUPTED.code()).isEqualTo(130);
    }

    @Test
    void givenTable_whenRendered_thenEveryCodeAppearsWithItsMeaning() {
        String table = String.format(ExitCode.table());

        List<String> expectedLines = Arrays.stream(ExitCode.values())
                .map(exit -> String.format("  %3d  %s", exit.code(), exit.meaning()))
                .collect(Collectors.toList());
        assertThat(table.lines()).containsExactlyElementsOf(expectedLines);
    }

    @Test
    void givenEveryExitCode_whenReadingItsMeaning_thenItIsNotBlank() {
        assertThat(ExitCode.values()).allSatisfy(exit -> assertThat(exit.meaning()).isNotBlank());
    }
}
