package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In CI (CI=true) a missing promtool or amtool fails the checks; on a developer's machine it is a warning. */
class ExternalToolTest {
    @TempDir
    Path dir;

    @Test
    void inCiAMissingRequiredToolFailsTheCheck() {
        Map<String, String> ci = Map.of("CI", "true", "PATH", dir.toString());

        assertThatThrownBy(() -> ExternalTool.required("promtool", "PROMTOOL", "rules checked as YAML only", ci))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("promtool not found").hasMessageContaining("CI=true").hasMessageContaining("$PROMTOOL");
    }

    @Test
    void outsideCiAMissingToolOnlyShrinksTheCheck() {
        assertThat(ExternalTool.required("amtool", "AMTOOL", "YAML only", Map.of("PATH", dir.toString()))).isEmpty();
        assertThat(ExternalTool.required("amtool", "AMTOOL", "YAML only", Map.of("CI", "false", "PATH", dir.toString())))
                .isEmpty();
    }

    @Test
    void theVariableOrThePathFindsTheTool() throws Exception {
        Path tool = Files.createFile(dir.resolve("promtool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(ExternalTool.required("promtool", "PROMTOOL", "x", Map.of("CI", "true", "PROMTOOL", tool.toString())))
                .contains(new ExternalTool(tool));
        assertThat(ExternalTool.required("promtool", "PROMTOOL", "x", Map.of("CI", "true", "PATH", "/nonexistent:" + dir)))
                .contains(new ExternalTool(tool));
    }
}
