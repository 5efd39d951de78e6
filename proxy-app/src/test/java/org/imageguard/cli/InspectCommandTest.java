package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** The sample with GPS, and its rewritten version. */
    private Path[] originalAndProtected() {
        Path original = Samples.copy("gps.jpg", dir.resolve("in/gps.jpg"));
        Path output = dir.resolve("out");
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "rewrite", "-o", output.toString(), original.toString())).isZero();
        return new Path[] {original, output.resolve("gps.jpg")};
    }

    @Test
    void theOriginalShowsItsPrivateMetadataAndNoDataMining() {
        Path original = originalAndProtected()[0];

        assertThat(run("inspect", original.toString())).isZero();

        assertThat(out.toString()).startsWith(original + "\n")
                .contains("  format           JPEG, 16x12, 1 frame\n")
                .contains("  data mining      none\n")
                .contains("EXIF GPS").contains("EXIF Copyright: (c) Jane");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aFormatWhoseMetadataCannotBeReadIsNotExaminedRatherThanClean() throws IOException {
        // A bare JPEG XL codestream: ImageGuard recognises the format but reads none of its metadata.
        Path codestream = Samples.write(dir.resolve("photo.jxl"), new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00});

        assertThat(run("inspect", codestream.toString())).isZero();
        assertThat(out.toString()).contains("  format           JXL_CODESTREAM\n")
                .contains("  privacy          not examined (ImageGuard cannot read JXL_CODESTREAM metadata)\n")
                .doesNotContain("none");

        out.getBuffer().setLength(0);
        assertThat(run("inspect", "--json", codestream.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString()).get(0);
        assertThat(json.get("examined").asBoolean()).isFalse();
        assertThat(json.get("privacy").isNull()).isTrue();
        assertThat(json.get("rights").isNull()).isTrue();
    }

    @Test
    void theRewrittenFileShowsDataMiningAndNoGps() {
        Path rewritten = originalAndProtected()[1];

        assertThat(run("inspect", rewritten.toString())).isZero();

        assertThat(out.toString()).contains("  data mining      DMI-PROHIBITED\n")
                .contains("  privacy          none\n")
                .doesNotContain("GPS");
    }

    @Test
    void jsonIsOneArrayWithAnObjectPerInput() throws IOException {
        Path[] files = originalAndProtected();

        assertThat(run("inspect", "--json", files[0].toString(), files[1].toString())).isZero();

        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        JsonNode original = array.get(0);
        assertThat(original.get("input").asText()).isEqualTo(files[0].toString());
        assertThat(original.get("format").asText()).isEqualTo("JPEG");
        assertThat(original.get("width").asInt()).isEqualTo(16);
        assertThat(original.get("dataMining").isNull()).isTrue();
        assertThat(original.get("privacy").toString()).contains("EXIF GPS");
        assertThat(original.get("http").isNull()).isTrue();
        assertThat(original.get("error").isNull()).isTrue();
        JsonNode rewritten = array.get(1);
        assertThat(rewritten.get("dataMining").asText()).isEqualTo("DMI-PROHIBITED");
        assertThat(rewritten.get("prohibitsDataMining").asBoolean()).isTrue();
        assertThat(rewritten.get("privacy").toString()).doesNotContain("GPS");
    }

    @Test
    void aUrlShowsTheHttpSignalsAndWhetherATrainingCrawlerIsRefused() throws IOException {
        byte[] jpeg = Files.readAllBytes(originalAndProtected()[1]);
        String url = serve(jpeg) + "/photo.jpg";

        assertThat(run("inspect", url)).isZero();

        assertThat(out.toString()).startsWith(url + "\n")
                .contains("  status           200\n")
                .contains("  X-Robots-Tag     noai\n")
                .contains("  tdm-reservation  (absent)\n")
                .contains("  Cache-Control    public, max-age=60\n")
                .contains("  GPTBot           refused (403)\n")
                .contains("  data mining      DMI-PROHIBITED\n");
    }

    @Test
    void redirectsAreFollowedAndReportedInJson() throws IOException {
        String base = serve(Samples.bytes("gps.jpg"));

        assertThat(run("inspect", "--json", base + "/old.jpg")).isZero();

        JsonNode http = new ObjectMapper().readTree(out.toString()).get(0).get("http");
        assertThat(http.get("status").asInt()).isEqualTo(200);
        assertThat(http.get("url").asText()).isEqualTo(base + "/photo.jpg");
        assertThat(http.get("redirects").get(0).get("status").asInt()).isEqualTo(301);
        assertThat(http.get("headers").get("X-Robots-Tag").asText()).isEqualTo("noai");
        assertThat(http.get("headers").get("tdm-reservation").isNull()).isTrue();
        assertThat(http.get("crawler").get("status").asInt()).isEqualTo(403);
        assertThat(http.get("crawler").get("refused").asBoolean()).isTrue();
    }

    @Test
    void anHttpErrorFails() throws IOException {
        String url = serve(Samples.bytes("gps.jpg")) + "/missing.jpg";
        assertThat(run("inspect", url)).isEqualTo(1);
        assertThat(out.toString()).contains("  status           404\n");
        assertThat(err.toString()).isEqualTo(url + ": HTTP 404\n");
    }

    @Test
    void aMissingFileFailsWithAClearMessage() {
        Path missing = dir.resolve("missing.jpg");
        Path present = originalAndProtected()[0];

        assertThat(run("inspect", missing.toString(), present.toString())).isEqualTo(1);

        assertThat(err.toString()).isEqualTo(missing + ": no such file or directory\n");
        assertThat(out.toString()).contains(present + "\n"); // the other inputs are still inspected
    }

    @Test
    void aRefusedConnectionFailsWithAClearMessage() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/a.jpg";
        assertThat(run("inspect", url)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(url + ": connection refused\n");
    }

    @Test
    void aCorruptImageFails() throws IOException {
        Path broken = Samples.write(dir.resolve("broken.jpg"), Samples.CORRUPT_JPEG);
        assertThat(run("inspect", broken.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith(broken + ": JPEG at offset ");
    }

    /**
     * Serves {@code image} at /photo.jpg with {@code X-Robots-Tag: noai}, 403 to GPTBot, a 301 from /old.jpg and 404
     * elsewhere; returns the base URL.
     */
    private String serve(byte[] image) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (agent != null && agent.contains("GPTBot")) {
                respond(exchange, 403, new byte[0]);
            } else if (path.equals("/old.jpg")) {
                exchange.getResponseHeaders().add("Location", "/photo.jpg");
                respond(exchange, 301, new byte[0]);
            } else if (path.equals("/photo.jpg")) {
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.getResponseHeaders().add("X-Robots-Tag", "noai");
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=60");
                respond(exchange, 200, image);
            } else {
                respond(exchange, 404, "not found".getBytes());
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
