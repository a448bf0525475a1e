package io.lifeline.adapter.cli.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeSchemaTest {

    @Test
    void print() {
        Rendering rendering = new ComposeTarget().render(ExportTestData.app());
        rendering.files().forEach(f -> System.out.println("=== " + f.name() + "\n" + f.content()));
        assertThat(ComposeSchema.load().violations(rendering.files().get(0).content())).isEmpty();
    }
}
