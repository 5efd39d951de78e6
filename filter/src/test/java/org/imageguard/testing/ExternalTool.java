package org.imageguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs the independent command-line programs (exiftool, ImageMagick, pngcheck, gifsicle, ...) that tests
 * check our output with. A missing program skips the test (a JUnit assumption), unless
 * {@code IMAGEGUARD_REQUIRE_TOOLS=1} is set, as {@code .ci/run} does: then it fails, naming the Debian package that
 * provides it. Shared by every module through filter's test-jar.
 *
 * <pre>{@code
 * ExternalTool.Result r = ExternalTool.run(List.of("pngcheck", "-q", "-"), png);
 * assertThat(r.exitCode()).as(r.describe()).isZero();
 * }</pre>
 *
 * <p>exiftool is looked up in {@code IMAGEGUARD_EXIFTOOL} first, because Debian 12's 12.57 predates the
 * {@code XMP-plus:DataMining} tag and CI brings a 13.x next to it. {@link #run} resolves a bare program name the
 * same way, so {@code List.of("exiftool", ...)} gets that exiftool too.
 */
public final class ExternalTool {

    public static final String REQUIRE_TOOLS = "IMAGEGUARD_REQUIRE_TOOLS";
    public static final String EXIFTOOL_VARIABLE = "IMAGEGUARD_EXIFTOOL";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Where each program comes from on Debian, for the failure message. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("exiftool", "libimage-exiftool-perl (or exiftool 13 via .ci/run and IMAGEGUARD_EXIFTOOL)"),
            Map.entry("convert", "imagemagick"), Map.entry("identify", "imagemagick"),
            Map.entry("compare", "imagemagick"), Map.entry("jpeginfo", "jpeginfo"),
            Map.entry("jpegtran", "libjpeg-turbo-progs"), Map.entry("pngcheck", "pngcheck"),
            Map.entry("cwebp", "webp"), Map.entry("dwebp", "webp"), Map.entry("webpmux", "webp"),
            Map.entry("webpinfo", "webp"), Map.entry("img2webp", "webp"), Map.entry("gif2webp", "webp"),
            Map.entry("gifsicle", "gifsicle"), Map.entry("optipng", "optipng"), Map.entry("bash", "bash"),
            Map.entry("djxl", "libjxl-tools"), Map.entry("avifdec", "libavif-bin"),
            Map.entry("heif-convert", "libheif-examples"));

    /** ImageMagick coders that Debian ships apart from the {@code imagemagick} package, for the failure message. */
    private static final Map<String, String> CODER_PACKAGES = Map.of(
            "SVG", "libmagickcore-6.q16-6-extra (a Recommends of imagemagick, skipped by --no-install-recommends)");

    /** The formats ImageMagick can read here, listed once per JVM ({@code convert -list format}). */
    private static volatile Set<String> readableCoders;

    /** Pipe pumps: blocking threads of their own, never the common pool (one thread on a 2-core machine). */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "external-tool-pipe");
        thread.setDaemon(true);
        return thread;
    });

    private ExternalTool() {
    }

    /** The command as run (program resolved), its exit code and both output streams. */
    public record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {

        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** For assertion messages: the command, its exit code and what it said. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\nstdout: " + abbreviate(out())
                    + "\nstderr: " + abbreviate(stderr);
        }

        /** Fails the test unless the program exited 0. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                fail(describe());
            }
            return this;
        }

        private static String abbreviate(String text) {
            return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
        }
    }

    /** Whether a missing program fails the test instead of skipping it. */
    public static boolean toolsRequired() {
        return "1".equals(System.getenv(REQUIRE_TOOLS));
    }

    /** The program's path (exiftool: {@code IMAGEGUARD_EXIFTOOL} first, then PATH), or skips/fails the test. */
    public static Path require(String tool) {
        if (Path.of(tool).isAbsolute()) {
            return find(tool).orElseGet(() -> unavailable(tool + " is not an executable file"));
        }
        return find(tool).orElseGet(() -> unavailable(tool + " not found on PATH; install the Debian package "
                + PACKAGES.getOrDefault(tool, tool) + " (.ci/run installs everything)"));
    }

    /** The program if present, without skipping (except for a bad {@code IMAGEGUARD_EXIFTOOL}). */
    public static Optional<Path> find(String tool) {
        Path given = Path.of(tool);
        if (given.isAbsolute()) {
            return Optional.of(given).filter(ExternalTool::isProgram);
        }
        if (tool.equals("exiftool")) {
            String configured = System.getenv(EXIFTOOL_VARIABLE);
            if (configured != null && !configured.isBlank()) {
                Path exiftool = Path.of(configured);
                return Optional.of(isProgram(exiftool) ? exiftool
                        : unavailable(EXIFTOOL_VARIABLE + "=" + configured + " is not an executable file"));
            }
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && isProgram(Path.of(directory, tool))) {
                return Optional.of(Path.of(directory, tool));
            }
        }
        return Optional.empty();
    }

    private static boolean isProgram(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
    }

    /**
     * Requires ImageMagick with a reader for {@code coder} (e.g. {@code "SVG"}): some coders come in optional Debian
     * packages, and without them {@code convert} fails in a way that looks like a bad image. Skips or fails like a
     * missing program, naming the package.
     */
    public static void requireCoder(String coder) {
        String name = coder.toUpperCase(Locale.ROOT);
        if (!readableCoders().contains(name)) {
            unavailable("ImageMagick has no " + name + " reader; install the Debian package "
                    + CODER_PACKAGES.getOrDefault(name, "that provides ImageMagick's " + name + " coder")
                    + " (.ci/run installs everything)");
        }
    }

    private static Set<String> readableCoders() {
        Set<String> coders = readableCoders;
        if (coders == null) {
            coders = new HashSet<>();
            // Lines look like "      SVG  SVG       rw+   Scalable Vector Graphics (RSVG 2.54.7)"; '*' marks native
            // blob support.
            Matcher line = Pattern.compile("(?m)^\\s*([A-Z0-9-]+)\\*?\\s+\\S+\\s+r[w-][+-]\\s")
                    .matcher(run(List.of("convert", "-list", "format"), null).requireSuccess().out());
            while (line.find()) {
                coders.add(line.group(1));
            }
            readableCoders = coders;
        }
        return coders;
    }

    /** A file or directory the test needs from the system (e.g. a test suite in a package); same rules as tools. */
    public static Path requirePath(Path path) {
        return Files.exists(path) ? path : unavailable(path + " does not exist");
    }

    /** A directory named by an environment variable (such as the PngSuite), or skips/fails with the hint. */
    public static Path requireDirectory(String variable, String hint) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return unavailable(variable + " is not set; " + hint);
        }
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
            return unavailable(variable + "=" + value + " is not a directory; " + hint);
        }
        return directory;
    }

    /**
     * Skips the test, or fails it under {@code IMAGEGUARD_REQUIRE_TOOLS=1}. Declared to return so callers can use it
     * in expressions; it never returns normally.
     */
    public static <T> T unavailable(String message) {
        if (toolsRequired()) {
            return fail(message + " (" + REQUIRE_TOOLS + "=1 makes this a failure)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Runs a command with {@link #DEFAULT_TIMEOUT}; {@code stdin} may be null for no input. */
    public static Result run(List<String> command, byte[] stdin) {
        return run(command, stdin, DEFAULT_TIMEOUT);
    }

    /**
     * Runs a command, its program resolved by {@link #require} (so a missing one skips or fails), feeding
     * {@code stdin} and collecting both outputs on their own threads so that a program filling one pipe never blocks
     * on the other. A program still running at the timeout is killed and the test fails.
     */
    public static Result run(List<String> command, byte[] stdin, Duration timeout) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, require(command.get(0)).toString());
        Process process;
        try {
            process = new ProcessBuilder(resolved).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + resolved, e);
        }
        CompletableFuture<byte[]> stdout =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), PUMPS);
        CompletableFuture<byte[]> stderr =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), PUMPS);
        CompletableFuture<Void> input =
                CompletableFuture.runAsync(() -> writeAll(process.getOutputStream(), stdin), PUMPS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", resolved) + " did not finish within " + timeout);
            }
            input.join();
            return new Result(List.copyOf(resolved), process.exitValue(), stdout.join(),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + resolved);
        }
    }

    /** Runs a command and returns its stdout, failing the test on a non-zero exit. */
    public static byte[] runOk(List<String> command, byte[] stdin) {
        return run(command, stdin).requireSuccess().stdout();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program that exits without reading all its input closes the pipe: that is its business, not an error. */
    private static void writeAll(OutputStream out, byte[] data) {
        try (out) {
            if (data != null) {
                out.write(data);
            }
        } catch (IOException brokenPipe) {
            // The exit code and stderr tell the test what went wrong.
        }
    }

    /** Writes bytes to a temporary file that is deleted when the JVM exits, for tools that only read files. */
    public static Path tempFile(byte[] content, String suffix) {
        try {
            Path file = Files.createTempFile("imageguard-test", suffix);
            file.toFile().deleteOnExit();
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
