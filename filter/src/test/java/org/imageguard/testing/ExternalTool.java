package org.imageguard.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * External tools the tests check our output with (exiftool, ImageMagick, ...). A missing tool skips the test, unless
 * {@code IMAGEGUARD_REQUIRE_TOOLS=1}, when it fails it: CI must not pass by skipping.
 *
 * <pre>{@code
 * ExternalTool.require("exiftool");
 * ExternalTool.Result r = ExternalTool.run(List.of("exiftool", "-X", file.toString()), null);
 * }</pre>
 */
public final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTool() {
    }

    /** The tool's path on PATH; skips (or fails, see above) the calling test when it is missing. */
    public static Path require(String name) {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed";
        if ("1".equals(System.getenv("IMAGEGUARD_REQUIRE_TOOLS"))) {
            throw new AssertionError(message + " and IMAGEGUARD_REQUIRE_TOOLS=1");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Runs a command (its tool must have been {@link #require}d), feeding {@code stdin} when not null. */
    public static Result run(List<String> command, byte[] stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
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

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public record Result(int exitCode, byte[] stdout, String stderr) {

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }
}
