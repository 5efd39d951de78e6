package org.imageguard.tests;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imageguard.testing.ExternalTool;

/**
 * Debian's stock Tomcat 10.1 (package {@code tomcat10}) run as a child process on a private CATALINA_BASE that
 * {@code tests/tomcat/make-catalina-base.sh} made: the same site a user gets from {@code run-stock-tomcat.sh}.
 *
 * <pre>{@code
 * try (StockTomcat tomcat = StockTomcat.prepare(tempDir, filterAllJar)) {
 *     tomcat.start();
 *     HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(tomcat.uri("/images/photo.jpg")).build(),
 *             HttpResponse.BodyHandlers.ofByteArray());
 * }
 * }</pre>
 *
 * Tomcat's console goes to {@code logs/console.out} (a file, so a full pipe can never stall it); {@link #close}
 * stops it with SIGTERM, which lets its shutdown hook flush the asynchronous log files, then kills what is left.
 */
final class StockTomcat implements AutoCloseable {

    /** Where Debian's package installs Tomcat. */
    static final Path CATALINA_HOME = Path.of("/usr/share/tomcat10");
    /** Tomcat deploying a web application with a 5 MB jar to scan: seconds normally, more on a busy 2-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path base;
    private final int port;
    private Process process;

    private StockTomcat(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Makes the CATALINA_BASE in {@code base} with a free port; skips or fails when a tool or Tomcat is missing. */
    static StockTomcat prepare(Path base, Path filterAllJar) {
        if (!Files.isExecutable(CATALINA_HOME.resolve("bin/catalina.sh"))) {
            ExternalTool.unavailable(CATALINA_HOME + "/bin/catalina.sh not found; install the Debian package"
                    + " tomcat10 (.ci/run installs everything)");
        }
        Path convert = ExternalTool.require("convert");
        Path exiftool = ExternalTool.require("exiftool");
        if (!Files.isRegularFile(filterAllJar)) {
            fail(filterAllJar + " does not exist: run the IT through `mvn verify`, which packages the filter first");
        }
        int port = freePort();
        // ExternalTool.run passes no environment of its own: env(1) hands the script its tools.
        ExternalTool.run(List.of("env", "CATALINA_HOME=" + CATALINA_HOME, "CONVERT=" + convert,
                "EXIFTOOL=" + exiftool, "bash", scripts().resolve("make-catalina-base.sh").toString(),
                base.toString(), Integer.toString(port), filterAllJar.toString()), null).requireSuccess();
        return new StockTomcat(base, port);
    }

    /** {@code tests/tomcat}: the scripts and the web application template, from failsafe's system property. */
    static Path scripts() {
        return Path.of(System.getProperty("imageguard.tomcatDir", "tomcat")).toAbsolutePath();
    }

    /** The web application's root directory, to change files before {@link #start}. */
    Path webapp() {
        return base.resolve("webapps/ROOT");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Starts {@code catalina.sh run} and returns once the connector accepts connections. Tomcat opens its connector
     * after deploying the applications, so by then ROOT has started, or failed to.
     */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(CATALINA_HOME.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.out").toFile());
        builder.environment().put("CATALINA_HOME", CATALINA_HOME.toString());
        builder.environment().put("CATALINA_BASE", base.toString());
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        // catalina.sh would otherwise write the pid into a shared place or honour the caller's options.
        builder.environment().remove("CATALINA_PID");
        builder.environment().remove("CATALINA_OPTS");
        builder.environment().remove("JAVA_OPTS");
        process = builder.start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (!accepts()) {
            if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("Tomcat exited with " + process.exitValue() + " before listening on " + port + ":\n" + logs());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("Tomcat did not listen on " + port + " within " + STARTUP + ":\n" + logs());
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) POLL.toMillis());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops Tomcat (and anything it started), then returns everything it logged: console and log files. */
    String stopAndReadLogs() throws InterruptedException {
        close();
        return logs();
    }

    /** The console output and every file under {@code logs/}, each headed by its name. */
    String logs() {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            return files.sorted().map(file -> "==> " + file.getFileName() + "\n" + read(file))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one file under {@code logs/} named {@code prefix*} ({@code catalina.} finds catalina.DATE.log). */
    String logFile(String prefix) {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            List<Path> matching = files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
            if (matching.size() != 1) {
                fail("expected one log file " + prefix + "* in " + base.resolve("logs") + ", found " + matching
                        + ":\n" + logs());
            }
            return read(matching.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** A port nobody listens on now; another process could take it before Tomcat does, which fails loudly. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
