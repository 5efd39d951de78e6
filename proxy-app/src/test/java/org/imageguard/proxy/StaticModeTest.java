package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.send;
import static org.imageguard.proxy.ProxyFixtures.status;
import static org.imageguard.proxy.ProxyFixtures.text;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticModeTest {

    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ROOT";

    @TempDir
    Path dir;
    private Path root;
    private ImageGuardServer proxy;

    @BeforeEach
    void startOnASite() throws Exception {
        root = Files.createDirectories(dir.resolve("site"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("empty/listing-would-show-me.txt"), "x");
        Files.delete(root.resolve("empty/listing-would-show-me.txt"));
        Files.writeString(root.resolve(".env"), SECRET);
        for (String name : new String[] {"a.jpg", "a.png", "a.gif", "a.webp", "a.avif", "a.svg", "a.css", "a.bin",
            "a.jxl", "a.mp3", "a.html"}) {
            Files.writeString(root.resolve(name), "content of " + name);
        }
        Files.createSymbolicLink(root.resolve("link-out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-out"), outside);
        Files.createSymbolicLink(root.resolve("link-in.jpg"), root.resolve("a.jpg"));
        proxy = ImageGuardServer.create(config("origin: { root: '" + root + "' }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return ProxyFixtures.get(proxy.publicUrl() + path);
    }

    @ParameterizedTest
    @CsvSource({"/a.jpg, image/jpeg", "/a.png, image/png", "/a.gif, image/gif", "/a.webp, image/webp",
        "/a.avif, image/avif", "/a.svg, image/svg+xml", "/a.css, text/css; charset=utf-8",
        "/a.bin, application/octet-stream", "/a.jxl, image/jxl", "/a.mp3, audio/mpeg",
        "/a.html, text/html; charset=utf-8"})
    // Jetty's table of media types (audio/mpeg is in no hand-written list of ours), plus JPEG XL.
    void contentTypeFollowsTheExtension(String path, String type) throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(type);
        assertThat(text(response)).isEqualTo("content of " + path.substring(1));
        assertThat(response.headers().firstValue("Content-Length")).contains(Long.toString(response.body().length));
    }

    @Test
    void filesCarryValidatorsAndAnswerConditionalRequestsWith304() throws Exception {
        HttpResponse<byte[]> first = get("/a.jpg");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byTag = send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/a.jpg"))
                .header("If-None-Match", "\"other\", " + etag).build());
        HttpResponse<byte[]> byDate = send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/a.jpg"))
                .header("If-Modified-Since", modified).build());
        HttpResponse<byte[]> stale = send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/a.jpg"))
                .header("If-None-Match", "\"other\"").header("If-Modified-Since", modified).build());

        assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.headers().firstValue("ETag")).contains(etag);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).as("If-None-Match wins over If-Modified-Since").isEqualTo(200);
    }

    @Test
    void headSendsTheHeadersOfGetWithoutTheBody() throws Exception {
        String answer = raw(proxy.port(), "HEAD /a.png HTTP/1.1\r\nHost: x");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(answer.toLowerCase()).contains("content-type: image/png")
                .contains("content-length: " + "content of a.png".length()).endsWith("\r\n\r\n");
    }

    @Test
    void foldersServeTheirIndexAndAreNeverListed() throws Exception {
        assertThat(text(get("/"))).isEqualTo("<h1>home</h1>");
        assertThat(text(get("/docs/"))).isEqualTo("<h1>docs</h1>");
        HttpResponse<byte[]> withoutSlash = get("/docs?x=1");
        assertThat(withoutSlash.statusCode()).isEqualTo(301);
        assertThat(withoutSlash.headers().firstValue("Location")).contains("/docs/?x=1");
        assertThat(get("/empty/").statusCode()).isEqualTo(404);
        assertThat(get("/empty").statusCode()).isEqualTo(404);
        assertThat(get("/nothing.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/a.jpg"))
                .DELETE().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(Files.exists(root.resolve("a.jpg"))).isTrue();
    }

    @Test
    void aSymlinkInsideTheRootIsServed() throws Exception {
        assertThat(text(get("/link-in.jpg"))).isEqualTo("content of a.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside/secret.txt", "/../../../../etc/passwd", "/%2e%2e/outside/secret.txt",
        "/%2E%2E/outside/secret.txt", "/..%2foutside/secret.txt", "/..%2Foutside%2Fsecret.txt",
        "/docs/..%2f..%2foutside/secret.txt", "/a/..\\..\\outside\\secret.txt", "/..\\outside\\secret.txt",
        "/%5c..%5coutside%5csecret.txt", "/secret.txt%00.jpg", "/a.jpg%00", "/link-out.txt", "/dir-out/secret.txt",
        "/.env", "/%2eenv", "/./.env", "/docs/./../../outside/secret.txt", "//outside/secret.txt",
        "/%252e%252e/outside/secret.txt", "/%c0%ae%c0%ae/outside/secret.txt"})
    void nothingOutsideTheRootIsEverServed(String target) throws Exception {
        String answer = raw(proxy.port(), "GET " + target + " HTTP/1.1\r\nHost: x");

        assertThat(status(answer)).isIn(400, 404);
        assertThat(answer).doesNotContain(SECRET).doesNotContain("root:x:0:0");
    }
}
