package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.PngSuite;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code inspect --json} of real files against sidecar goldens in {@code src/test/resources/inspect-golden/}, one
 * {@code NAME.json} per file and one {@code NAME.rewritten.json} for what {@code rewrite} makes of it, as
 * metadata-extractor keeps its sample files' expected output: a change in what inspect reports (format, size, frames, DataMining, rights, private metadata found) shows as a diff to review. The
 * files are ones CI already has: Go's image test data and the PngSuite (Debian's {@code golang-1.19-src}), and the
 * CLI's own samples (one with GPS, owner and serial fields). The {@code input} field, a machine's path, is left out.
 *
 * <p>After a deliberate change, regenerate them and review the diff:
 * <pre>
 * IMAGEGUARD_WRITE_GOLDENS=1 mvn -o -q -B -pl proxy-app -am test -Dtest=InspectGoldenTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * git diff proxy-app/src/test/resources/inspect-golden/
 * </pre>
 */
class InspectGoldenTest {

    private static final Path GOLDENS = Path.of("src/test/resources/inspect-golden");
    private static final Path GO_TESTDATA = Path.of("/usr/share/go-1.19/src/image/testdata");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path samples;

    static Stream<Named<Function<Path, Path>>> files() {
        Stream<String> go = Stream.of("video-001.jpeg", "video-001.cmyk.jpeg", "video-001.progressive.jpeg",
                "video-001.gif", "video-001.interlaced.gif", "video-005.gray.png", "triangle-001.gif");
        Stream<String> suite = Stream.of("basn0g01.png", "basn3p08-trns.png", "basn6a16.png", "basn4a08.png");
        Stream<String> ours = Stream.of("gps.jpg", "plain.png");
        return Stream.of(
                go.map(name -> Named.<Function<Path, Path>>of(name,
                        dir -> ExternalTool.requirePath(GO_TESTDATA.resolve(name)))),
                suite.map(name -> Named.<Function<Path, Path>>of(name, dir -> PngSuite.file(name))),
                ours.map(name -> Named.<Function<Path, Path>>of(name, dir -> Samples.copy(name, dir.resolve(name)))))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void inspectJsonMatchesItsGolden(Function<Path, Path> source) throws IOException {
        Path file = source.apply(samples);
        assertMatchesGolden(file, file.getFileName() + ".json");
    }

    /** The same file after {@code rewrite}: DataMining present, private metadata gone, rights kept. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void inspectJsonOfTheRewrittenFileMatchesItsGolden(Function<Path, Path> source) throws IOException {
        Path file = source.apply(samples);
        Path output = Files.createTempDirectory(samples, "rewritten");
        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "rewrite", "-o", output.toString(), file.toString());
        assertThat(exit).isZero();
        assertMatchesGolden(output.resolve(file.getFileName()), file.getFileName() + ".rewritten.json");
    }

    private static void assertMatchesGolden(Path file, String goldenName) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), "inspect", "--json", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        ObjectNode report = (ObjectNode) JSON.readTree(out.toString()).get(0);
        report.remove("input");
        Path golden = GOLDENS.resolve(goldenName);
        if (System.getenv("IMAGEGUARD_WRITE_GOLDENS") != null) {
            Files.createDirectories(GOLDENS);
            Files.writeString(golden, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        }
        JsonNode expected = JSON.readTree(golden.toFile());
        assertThat(report).as("inspect --json of %s against %s", file, golden).isEqualTo(expected);
    }
}
