package org.imageguard.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent command-line readers (exiftool, ImageMagick, pngcheck, gifsicle) that tests check our output
 * with. A missing tool skips the test, unless {@code IMAGEGUARD_REQUIRE_TOOLS=1}, in which case it fails.
 *
 * <pre>{@code
 * ExternalTool.require("pngcheck");
 * ExternalTool.Result r = ExternalTool.run(List.of("pngcheck", "-"), png);
 * assertThat(r.exitCode()).isZero();
 * }</pre>
 */
public final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    /** What a command printed and returned. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ExternalTool() {
    }

    public static boolean toolsRequired() {
        return "1".equals(System.getenv("IMAGEGUARD_REQUIRE_TOOLS"));
    }

    /** The tool's path on {@code PATH}; skips (or fails, when tools are required) the test when it is missing. */
    public static Path require(String tool) {
        Path given = Path.of(tool);
        if (given.isAbsolute()) {
            return Files.isExecutable(given) ? given : missing(tool + " is not executable");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing(tool + " is not on PATH");
    }

    /** A file or directory the test needs from the system (e.g. a test suite in a package); same rules as tools. */
    public static Path requirePath(Path path) {
        return Files.exists(path) ? path : missing(path + " does not exist");
    }

    private static Path missing(String why) {
        if (toolsRequired()) {
            Assertions.fail(why + " and IMAGEGUARD_REQUIRE_TOOLS=1");
        }
        Assumptions.abort(why);
        return null;
    }

    /** Runs a command with {@code stdin} (may be null or empty) and waits at most a minute for it. */
    public static Result run(List<String> command, byte[] stdin) {
        require(command.get(0));
        try {
            Path errors = Files.createTempFile("imageguard-tool", ".err");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command))
                        .redirectError(errors.toFile()).start();
                CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin));
                byte[] out;
                try (InputStream in = process.getInputStream()) {
                    out = in.readAllBytes();
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                feed.join();
                return new Result(process.exitValue(), out, Files.readString(errors, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            if (bytes != null) {
                stdin.write(bytes);
            }
        } catch (IOException e) {
            // The tool may exit without reading all its input (e.g. on a usage error); its exit code tells.
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

    /** Runs a command and returns its stdout, failing the test on a non-zero exit. */
    public static byte[] runOk(List<String> command, byte[] stdin) {
        Result result = run(command, stdin);
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }
}
