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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent tools tests check our output with (exiftool, ImageMagick, jpeginfo, ...). A missing tool skips
 * the test, unless {@code IMAGEGUARD_REQUIRE_TOOLS=1}, where it fails it: CI must not pass by skipping.
 *
 * <pre>{@code
 * ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.require("exiftool"), "-X", file.toString()), null);
 * assertThat(r.exitCode()).isZero();
 * }</pre>
 */
public final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool printed and returned. */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private ExternalTool() {
    }

    /** The path of {@code name} on the PATH; skips (or fails, when tools are required) the test without it. */
    public static String require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("1".equals(System.getenv("IMAGEGUARD_REQUIRE_TOOLS"))) {
            fail(name + " is required (IMAGEGUARD_REQUIRE_TOOLS=1) but not on the PATH");
        }
        Assumptions.abort(name + " not installed");
        return null;
    }

    /** Runs {@code command}, feeding {@code stdin} (or nothing), and waits at most a minute. */
    public static Result run(List<String> command, byte[] stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
