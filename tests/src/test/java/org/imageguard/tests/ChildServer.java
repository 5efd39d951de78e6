package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child process by an integration test (the container layout, a Jetty distribution): waits
 * until it answers HTTP, fails with its log when it exits or does not answer in time, stops it.
 *
 * <pre>{@code
 * Process process = builder.redirectOutput(log.toFile()).start();
 * ChildServer.awaitHttp(process, "http://127.0.0.1:" + port + "/", log, Duration.ofSeconds(90));
 * HttpResponse<byte[]> page = ChildServer.get(url, null);
 * ChildServer.stop(process);
 * }</pre>
 */
final class ChildServer {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildServer() {
    }

    /** Returns once {@code url} answers with any status. */
    static void awaitHttp(Process process, String url, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                get(url, null);
                return;
            } catch (IOException notYet) {
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    fail("the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("the server did not answer " + url + " within " + timeout + ":\n" + Files.readString(log));
                }
            }
        }
    }

    static HttpResponse<byte[]> get(String url, String userAgent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** SIGTERM, then a kill after 30 s; null is nothing to stop. */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A port nobody listens on now, on every interface. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ChildServer.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
