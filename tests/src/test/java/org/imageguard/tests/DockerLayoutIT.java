package org.imageguard.tests;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without Docker: {@code docker/check-layout.sh} lays out the Dockerfile's runtime stage and
 * starts it with the image's ENTRYPOINT and CMD, as {@code docker run} would. No file is mounted; the origin comes
 * from an environment variable, as in the README's {@code docker run -e IMAGEGUARD_ORIGIN_UPSTREAM=...} line; the
 * public port and the admin endpoints are reached through an address other than 127.0.0.1, as a load balancer,
 * Kubernetes probes and Prometheus reach a container.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DockerLayoutIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path layout;

    private Process container;
    private HttpServer upstream;

    @AfterEach
    void stop() throws InterruptedException {
        ChildServer.stop(container);
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void proxiesTheUpstreamFromTheEnvironmentAndAnswersProbesFromAnotherAddress() throws Exception {
        byte[] photo = ChildServer.resource("demo/images/harbour.jpg");
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            boolean isPhoto = exchange.getRequestURI().getPath().equals("/photos/harbour.jpg");
            byte[] body = isPhoto ? photo : "home\n".getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", isPhoto ? "image/jpeg" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        int port = ChildServer.freePort();
        int admin = ChildServer.freePort();

        start(Map.of("IMAGEGUARD_ORIGIN_UPSTREAM", "http://127.0.0.1:" + upstream.getAddress().getPort(),
                "IMAGEGUARD_SERVER_PORT", Integer.toString(port), "IMAGEGUARD_SERVER_ADMIN_PORT",
                Integer.toString(admin)), port);

        String host = otherAddress();
        HttpResponse<byte[]> image = get("http://" + host + ":" + port + "/photos/harbour.jpg");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(new String(image.body(), ISO_8859_1)).contains("DMI-PROHIBITED");
        assertThat(image.body()).isNotEqualTo(photo);

        HttpResponse<byte[]> health = get("http://" + host + ":" + admin + "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> metrics = get("http://" + host + ":" + admin + "/metrics");
        assertThat(new String(metrics.body(), UTF_8))
                .contains("imageguard_requests_total{outcome=\"miss\",reason=\"none\"} 1.0");
    }

    @Test
    void startsWithNothingMountedAndServesThePlaceholderSite() throws Exception {
        int port = ChildServer.freePort();
        start(Map.of("IMAGEGUARD_SERVER_PORT", Integer.toString(port), "IMAGEGUARD_SERVER_ADMIN_PORT",
                Integer.toString(ChildServer.freePort())), port);

        HttpResponse<byte[]> home = get("http://" + otherAddress() + ":" + port + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(new String(home.body(), UTF_8)).contains("Mount one at <code>/srv/site</code>");
    }

    /**
     * The test above is the README's first {@code docker run} line: the same variable, and the ports it publishes are
     * the ones the image listens on (the test moves them to free ones with IMAGEGUARD_SERVER_PORT/_ADMIN_PORT, as
     * the machine's 8080 may be taken; inside a container nothing else uses them).
     */
    @Test
    void theReadmesDockerRunLineIsTheOneTested() throws IOException {
        String readme = Files.readString(repo().resolve("README.md"), UTF_8);
        assertThat(readme).contains("\ndocker run --rm -p 8080:8080 -p 8081:8081 -e IMAGEGUARD_ORIGIN_UPSTREAM=http://");
        assertThat(Files.readString(repo().resolve("docker/Dockerfile"), UTF_8)).contains("\nEXPOSE 8080 8081\n")
                .contains("-p 8080:8080 -p 8081:8081 -e IMAGEGUARD_ORIGIN_UPSTREAM=");
        assertThat(Files.readString(repo().resolve("docker/image/imageguard.yaml"), UTF_8))
                .containsPattern("\n  host: 0\\.0\\.0\\.0 ").containsPattern("\n  port: 8080\\b")
                .containsPattern("\n  admin-host: 0\\.0\\.0\\.0\\b").containsPattern("\n  admin-port: 8081\\b");
    }

    private static Path repo() {
        return Path.of(System.getProperty("imageguard.repoDir", "..")).toAbsolutePath().normalize();
    }

    /** Runs the script with the image's defaults plus {@code environment}; returns once the public port answers. */
    private void start(Map<String, String> environment, int port) throws IOException, InterruptedException {
        Path repo = repo();
        Path log = layout.resolveSibling(layout.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("docker/check-layout.sh").toString(),
                layout.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("IMAGEGUARD_") || name.startsWith("JAVA_"));
        builder.environment().putAll(environment);
        container = builder.start();
        ChildServer.awaitHttp(container, "http://127.0.0.1:" + port + "/", log, STARTUP);
    }

    /** A non-loopback IPv4 address of this machine, else 127.0.0.2: anything but the 127.0.0.1 a default binds. */
    private static String otherAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(DockerLayoutIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse("127.0.0.2");
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return ChildServer.get(url, null);
    }
}
