package org.imageguard.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the proxy's cache must never do, in both modes: hand a response fetched with credentials to someone without
 * them, file the answer to one request target under another (path parameters), or share entries between Hosts.
 */
class ProxyCacheSafetyTest {

    private final WireMockServer origin = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    private ImageGuardServer proxy;

    @TempDir
    Path root;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        origin.stop();
    }

    private void startUpstream() throws Exception {
        origin.start();
        proxy = ImageGuardServer.create(config("origin: { upstream: '" + origin.baseUrl() + "', timeout: 10s }\n"));
        proxy.start();
    }

    private HttpResponse<byte[]> send(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return ProxyFixtures.send(request.build());
    }

    private static String outcome(HttpResponse<?> response) {
        return response.headers().firstValue("X-ImageGuard").orElse("");
    }

    private static byte[] jpeg(String name) throws IOException {
        try (InputStream in = ProxyCacheSafetyTest.class.getResourceAsStream("/jpeg/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anImageFetchedWithCredentialsIsNotServedToTheNextRequestWithout() throws Exception {
        startUpstream();
        origin.stubFor(get("/members/photo.jpg").withHeader("Authorization", matching("Basic .+"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withHeader("ETag", "\"m1\"")
                        .withBody(jpeg("baseline-exif.jpg"))));
        origin.stubFor(get("/members/photo.jpg").withHeader("Authorization", absent()).willReturn(aResponse()
                .withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"members\"").withBody("log in")));

        HttpResponse<byte[]> member = send("/members/photo.jpg", "Authorization", "Basic bWVtYmVyOnB3");
        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(outcome(member)).isEqualTo("miss;stage=protected");

        HttpResponse<byte[]> anonymous = send("/members/photo.jpg");
        assertThat(anonymous.statusCode()).as("the origin's 401, not the member's image").isEqualTo(401);
    }

    @Test
    void aResponseThatSetsACookieIsNotStored() throws Exception {
        startUpstream();
        origin.stubFor(get("/captcha.jpg").willReturn(aResponse().withHeader("Content-Type", "image/jpeg")
                .withHeader("Set-Cookie", "captcha=abc; HttpOnly").withBody(jpeg("baseline-exif.jpg"))));
        assertThat(outcome(send("/captcha.jpg"))).isEqualTo("miss;stage=protected");
        HttpResponse<byte[]> second = send("/captcha.jpg");
        assertThat(outcome(second)).isEqualTo("miss;stage=protected");
        assertThat(second.headers().firstValue("Set-Cookie")).contains("captcha=abc; HttpOnly");
    }

    @Test
    void aPathParameterCannotReplaceWhatEveryoneGetsForThePlainPathUpstream() throws Exception {
        startUpstream();
        origin.stubFor(get(urlEqualTo("/victim.jpg")).willReturn(aResponse().withHeader("Content-Type", "image/jpeg")
                .withHeader("ETag", "\"victim\"").withBody(jpeg("baseline-exif.jpg"))));
        origin.stubFor(get(urlEqualTo("/victim.jpg;evil")).willReturn(aResponse()
                .withHeader("Content-Type", "image/jpeg").withHeader("ETag", "\"evil\"")
                .withBody(jpeg("comment.jpg"))));

        HttpResponse<byte[]> evil = send("/victim.jpg;evil");
        assertThat(evil.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> victim = send("/victim.jpg");
        assertThat(outcome(victim)).as("not the entry made for /victim.jpg;evil").isEqualTo("miss;stage=protected");
        assertThat(victim.body()).isNotEqualTo(evil.body());
        origin.verify(1, getRequestedFor(urlEqualTo("/victim.jpg")));
    }

    @Test
    void aPathParameterCannotReplaceWhatEveryoneGetsForThePlainPathInStaticMode() throws Exception {
        Files.write(root.resolve("victim.jpg"), jpeg("baseline-exif.jpg"));
        Files.write(root.resolve("victim.jpg;evil"), jpeg("comment.jpg")); // e.g. an upload that kept its name
        proxy = ImageGuardServer.create(config("origin: { root: '" + root + "' }\n"));
        proxy.start();

        HttpResponse<byte[]> evil = send("/victim.jpg;evil");
        assertThat(evil.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> victim = send("/victim.jpg");
        assertThat(outcome(victim)).as("not the entry made for /victim.jpg;evil").isEqualTo("miss;stage=protected");
        assertThat(victim.body()).isNotEqualTo(evil.body());
    }

    @Test
    void eachHostHasItsOwnEntries() throws Exception {
        startUpstream();
        origin.stubFor(get("/logo.jpg").withHeader("X-Forwarded-Host", equalTo("a.example"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg("baseline-exif.jpg"))));
        origin.stubFor(get("/logo.jpg").withHeader("X-Forwarded-Host", equalTo("b.example"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg("comment.jpg"))));
        int port = URI.create(proxy.publicUrl()).getPort();

        String a = raw(port, "GET /logo.jpg HTTP/1.1\r\nHost: a.example");
        String b = raw(port, "GET /logo.jpg HTTP/1.1\r\nHost: b.example");
        assertThat(status(a)).isEqualTo(200);
        assertThat(b).as("b.example's own logo").contains("X-ImageGuard: miss;stage=protected");
        origin.verify(1, getRequestedFor(urlEqualTo("/logo.jpg")).withHeader("X-Forwarded-Host", equalTo("b.example")));
    }
}
