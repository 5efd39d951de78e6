package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    /** Surefire runs in proxy-app/; the examples live in the config module. */
    private static final Path EXAMPLES = Path.of("../config/examples");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Map<String, String> environment = Map.of();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "photographer.yaml", "site-behind-cdn.yaml"})
    void checkConfigPrintsTheEffectiveConfigurationOfEachExample(String example, @TempDir Path site) {
        String file = EXAMPLES.resolve(example).toString();
        environment = Map.of("IMAGEGUARD_ORIGIN_ROOT", site.toString()); // photographer.yaml's folder is the user's
        assertThat(run("check-config", file)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("# " + file + ": valid. Effective configuration:\n")
                .contains("protection:\n  data-mining: DMI-PROHIBITED")
                .contains("limits:\n  max-image-size: ");
    }

    @Test
    void checkConfigReportsEveryErrorWithItsPosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "server:\n  port: 99999\nhotlink:\n  enabled: yes please\n  alow: []\n");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(
                file + ":2:9: server.port: expected a whole number from 0 to 65535, found '99999'\n"
                        + file + ":4:12: hotlink.enabled: expected a boolean (true or false), found 'yes please'\n"
                        + file + ":5:3: hotlink.alow: unknown key; did you mean 'allow'?\n");
    }

    @Test
    void checkConfigChecksTheFolderServeWillServe(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        Path notAFolder = Files.writeString(dir.resolve("index.html"), "<p>hi</p>");
        Files.writeString(file, "origin:\n  root: " + dir.resolve("missing") + "\n");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":2:9: origin.root: '" + dir.resolve("missing")
                + "' does not exist; serve needs the folder of the site\n");

        err.getBuffer().setLength(0);
        Files.writeString(file, "origin:\n  root: " + notAFolder + "\n");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":2:9: origin.root: '" + notAFolder
                + "' is a file, not a folder\n");
    }

    @Test
    void checkConfigAppliesTheEnvironmentAndNamesItsVariables(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("site.yaml"), "server:\n  port: 81\n");
        environment = Map.of("IMAGEGUARD_SERVER_PORT", "82", "IMAGEGUARD_SERVER_ADMIN_HOST", "0.0.0.0");
        assertThat(run("check-config", file.toString())).isZero();
        assertThat(out.toString()).contains("  port: 82\n  admin-host: \"0.0.0.0\"\n");

        environment = Map.of("IMAGEGUARD_SERVER_PORT", "99999");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("IMAGEGUARD_SERVER_PORT: server.port: expected a whole number from 0 to"
                + " 65535, found '99999'\n");
    }

    @Test
    void checkConfigOnAMissingFileSaysSoWithoutAStackTrace(@TempDir Path dir) {
        Path file = dir.resolve("missing.yaml");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ": cannot read the configuration: no such file\n");
    }

    @Test
    void checkConfigOnADirectoryIsAConfigurationError(@TempDir Path dir) {
        assertThat(run("check-config", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(dir + ": cannot read the configuration: this is a directory\n");
    }

    @Test
    void checkConfigWithoutAFileIsAUsageError() {
        assertThat(run("check-config")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void helpListsTheFourCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: imageguard")
                .containsPattern("\\n\\s+serve\\s")
                .containsPattern("\\n\\s+rewrite\\s")
                .containsPattern("\\n\\s+inspect\\s")
                .containsPattern("\\n\\s+check-config\\s")
                .contains("With no command, imageguard runs serve.");
    }

    @Test
    void serveHelpShowsItsOptions() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--upstream=URL", "--root=DIR", "--host=ADDR",
                "--port=N", "--admin-port=N");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("check-config", "--frobnicate", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void noCommandMeansServe() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("--port", Integer.toString(taken.getLocalPort()), "--admin-port", "0")).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("port " + taken.getLocalPort() + " is in use: pass --port N\n");
        }
    }

    @Test
    void serveSaysWhichPortIsInUseWithoutAStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            assertThat(run("serve", "--port", "0", "--admin-port", port)).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("admin port " + port
                    + " is in use: pass --admin-port N (0 disables it)\n");
        }
    }

    @Test
    void serveWithAFileNeedsAnOrigin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "server: { port: 0, admin-port: 0 }\n");
        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file
                + ": no origin: set origin.upstream or origin.root, or pass --upstream or --root\n");
    }

    @Test
    void serveRefusesACacheTheHeapCannotHoldInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        long tooMuch = Runtime.getRuntime().maxMemory(); // a cache as large as the whole heap never fits
        Files.writeString(file, "server: { port: 0, admin-port: 0 }\norigin: { root: '" + dir + "' }\n"
                + "cache: { max-size: " + tooMuch + " }\n");
        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("memory: cache.max-size (").contains("raise -Xmx").endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void leadingOptionsAreServesOptions() {
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '--port': expected a port from 0 to 65535, found '70000'");
    }

    @Test
    void serveRejectsARelativeUpstream() {
        assertThat(run("serve", "--upstream", "localhost:8000")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--upstream': expected an absolute http(s) URL");
    }

    @Test
    void serveTakesUpstreamOrRootNotBoth(@TempDir Path dir) {
        assertThat(run("serve", "--upstream", "http://127.0.0.1:8000", "--root", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void serveRejectsARootThatIsNotADirectory(@TempDir Path dir) {
        assertThat(run("serve", "--root", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--root': '" + dir.resolve("nope")
                + "' is not a directory");
    }

    @Test
    void serveReportsConfigErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "origin:\n  upstream: nowhere\n");
        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":2:13: origin.upstream: expected an absolute http(s) URL like "
                + "https://example.com/terms, found 'nowhere'\n");
    }

    @Test
    void serveFlagsOverrideTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "server: { port: 8081 }\norigin: { root: " + dir + " }\n");
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--config", file.toString(), "--upstream", "http://origin:8000",
                "--admin-port", "0");
        var config = serve.effectiveConfig();
        assertThat(config.server().port()).isEqualTo(8081);
        assertThat(config.server().adminPort()).isZero();
        assertThat(config.origin().upstream()).hasValueSatisfying(u -> assertThat(u).hasToString("http://origin:8000"));
        assertThat(config.origin().root()).isEmpty();
    }

    @Test
    void rewriteNeedsADestination() {
        assertThat(run("rewrite", "a.jpg")).isEqualTo(2);
        assertThat(err.toString()).contains("Error: Missing required argument (specify one of these): "
                + "(-o=OUTDIR | --in-place)");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("imageguard ");
    }
}
