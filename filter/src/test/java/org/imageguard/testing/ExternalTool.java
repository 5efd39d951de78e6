package org.imageguard.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent readers tests compare against (exiftool, ImageMagick, webp tools). A missing tool skips the
 * test, unless {@code IMAGEGUARD_REQUIRE_TOOLS=1} (as CI sets it), when it fails the test.
 *
 * <pre>{@code
 * String exiftool = ExternalTool.require("exiftool");
 * ExternalTool.Result result = ExternalTool.run(List.of(exiftool, "-X", "-"), imageBytes);
 * }</pre>
 */
public final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool did: its exit code, its standard output as bytes and its standard error as text. */
    public record Result(int exitCode, byte[] stdout, String stderr) {

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ExternalTool() {
    }

    /** The path of a tool on the PATH; skips (or, when tools are required, fails) the test without it. */
    public static String require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = "external tool '" + name + "' is not installed";
        if ("1".equals(System.getenv("IMAGEGUARD_REQUIRE_TOOLS"))) {
            Assertions.fail(message + " and IMAGEGUARD_REQUIRE_TOOLS=1");
        }
        Assumptions.abort(message);
        return name;
    }

    /** Runs a command, feeding it {@code stdin} (may be null), and waits for it at most a minute. */
    public static Result run(List<String> command, byte[] stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("imageguard-tool", ".out");
            err = Files.createTempFile("imageguard-tool", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            try (var input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin);
                }
            } catch (IOException e) {
                // The tool may exit without reading all of its input; its exit code tells.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
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

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
