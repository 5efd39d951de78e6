package org.imageguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where Willem van Schaik's PngSuite is, for every test that reads it: the folder {@code IMAGEGUARD_PNGSUITE} names,
 * else Debian's copy when installed ({@code golang-1.19-src} ships it inside Go's sources; {@code .ci/run} installs it
 * and sets the variable), else the test is skipped, or fails under {@code IMAGEGUARD_REQUIRE_TOOLS=1}.
 *
 * <pre>{@code
 * byte[] png = Files.readAllBytes(PngSuite.file("basn0g01.png"));
 * }</pre>
 */
public final class PngSuite {

    public static final String VARIABLE = "IMAGEGUARD_PNGSUITE";
    public static final Path DEBIAN = Path.of("/usr/share/go-1.19/src/image/png/testdata/pngsuite");
    private static final String HINT = "apt-get install golang-1.19-src and set " + VARIABLE + "=" + DEBIAN
            + " (.ci/run does both)";

    private PngSuite() {
    }

    /** The suite's folder, or skips/fails. */
    public static Path directory() {
        return find().orElseGet(() -> ExternalTool.requireDirectory(VARIABLE, HINT));
    }

    /** The suite's folder when there is one; for argument sources, which cannot skip. */
    public static Optional<Path> find() {
        String named = System.getenv(VARIABLE);
        Path folder = named == null || named.isBlank() ? DEBIAN : Path.of(named);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** One file of the suite, or skips/fails. */
    public static Path file(String name) {
        return ExternalTool.requirePath(directory().resolve(name));
    }

    /** The {@code .png} files of {@code folder} whose names pass {@code nameTest}, sorted. */
    public static List<Path> pngs(Path folder, Predicate<String> nameTest) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".png"))
                    .filter(path -> nameTest.test(path.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
