package org.imageguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process runner itself, with POSIX programs every machine has. */
class ExternalToolTest {

    @Test
    void runFeedsStdinAndCollectsStdout() {
        byte[] input = "ünïcode\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);

        ExternalTool.Result result = ExternalTool.run(List.of("cat"), input);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(input);
    }

    @Test
    void runReportsExitCodeAndStderrSeparately() {
        ExternalTool.Result result =
                ExternalTool.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.describe()).contains("exited 3", "stderr: err");
    }

    @Test
    void runSurvivesAProgramThatIgnoresItsInput() {
        ExternalTool.Result result = ExternalTool.run(List.of("true"), new byte[1 << 20]);

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void findLooksUpPathAndReportsAbsence() {
        assertThat(ExternalTool.find("sh"))
                .hasValueSatisfying(path -> assertThat(path.getFileName()).isEqualTo(Path.of("sh")));
        assertThat(ExternalTool.find("no-such-tool-imageguard")).isEmpty();
    }
}
