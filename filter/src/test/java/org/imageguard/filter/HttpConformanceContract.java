package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The HTTP behaviour of docs/http.md as a client sees it, for any deployment: the filter in Jetty or Tomcat, the proxy.
 * A subclass starts a deployment before each test (so the first request for an image is always a miss) and says where
 * it is and what its origin holds. The deployment must serve, through ImageGuard with the default policy and the real
 * engine: {@link #imagePath()} (a JPEG with GPS, {@link TestSites#GPS_JPEG}), {@link #htmlPath()}, and nothing at
 * {@link #missingPath()}.
 */
public abstract class HttpConformanceContract {

    protected final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Where the deployment listens, e.g. {@code http://127.0.0.1:53211}. */
    protected abstract URI baseUri();

    /** The bytes the origin holds at a path, to check pass-through responses byte for byte. */
    protected abstract byte[] originBytes(String path) throws IOException;

    protected String imagePath() {
        return "/img/photo.jpg";
    }

    protected String htmlPath() {
        return "/index.html";
    }

    protected String missingPath() {
        return "/img/missing.jpg";
    }

    @Test
    void anImageIsAMissWithTheProtectionHeadersThenAHit() throws Exception {
        HttpResponse<byte[]> first = get(imagePath());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(header(first, "ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"ig-[A-Za-z0-9_-]+\""));
        assertThat(header(first, "Content-Length")).contains(Integer.toString(first.body().length));
        assertThat(header(first, "Content-Type")).contains("image/jpeg");
        assertThat(header(first, "Cache-Control")).hasValueSatisfying(cc ->
                assertThat(cc.split("no-transform", -1)).as("no-transform exactly once in " + cc).hasSize(2));
        assertThat(header(first, "X-Robots-Tag")).contains("noai, noimageai");
        assertThat(header(first, "tdm-reservation")).contains("1");
        assertThat(header(first, "Content-Usage")).contains("train-ai=n");

        HttpResponse<byte[]> second = get(imagePath());
        assertThat(header(second, "X-ImageGuard")).contains("hit;stage=protected");
        assertThat(header(second, "ETag")).isEqualTo(header(first, "ETag"));
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void aJpegWithGpsLeavesWithDataMiningAndWithoutGps() throws Exception {
        HttpResponse<byte[]> response = get(imagePath());
        assertThat(TestSites.exiftool(originBytes(imagePath()), "-gps:all")).as("the fixture has GPS")
                .contains("GPS");

        assertThat(ImageIO.read(new ByteArrayInputStream(response.body()))).as("decodes").isNotNull();
        assertThat(TestSites.exiftool(response.body(), "-gps:all")).doesNotContain("GPS");
        assertThat(TestSites.exiftool(response.body(), "-b", "-XMP"))
                .contains("DataMining").contains("DMI-PROHIBITED");
        assertThat(TestSites.exiftool(response.body(), "-warning")).isEmpty();
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() throws Exception {
        HttpResponse<byte[]> get = get(imagePath());
        HttpResponse<byte[]> head = send(request(imagePath()).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String name : List.of("Content-Length", "Content-Type", "ETag", "Last-Modified", "Cache-Control",
                "X-Robots-Tag", "tdm-reservation", "Content-Usage")) {
            assertThat(header(head, name)).as(name).isEqualTo(header(get, name));
        }
    }

    @Test
    void headAsTheFirstRequestAlsoHasTheHeadersOfGet() throws Exception {
        HttpResponse<byte[]> head = send(request(imagePath()).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> get = get(imagePath());
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).contains(Integer.toString(get.body().length));
        assertThat(header(head, "ETag")).isPresent().isEqualTo(header(get, "ETag"));
        assertThat(header(head, "X-Robots-Tag")).contains("noai, noimageai");
    }

    @Test
    void ifNoneMatchWithOurEtagIs304WithTheSameValidatorsAndSignals() throws Exception {
        HttpResponse<byte[]> get = get(imagePath());
        String etag = header(get, "ETag").orElseThrow();
        for (String condition : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            HttpResponse<byte[]> revalidated = send(request(imagePath()).header("If-None-Match", condition));
            assertThat(revalidated.statusCode()).as(condition).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
            assertThat(header(revalidated, "ETag")).contains(etag);
            assertThat(header(revalidated, "X-Robots-Tag")).contains("noai, noimageai");
        }
        assertThat(send(request(imagePath()).header("If-None-Match", "\"ig-stale\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceTheLastModificationIs304() throws Exception {
        HttpResponse<byte[]> get = get(imagePath());
        Optional<String> lastModified = header(get, "Last-Modified");
        if (lastModified.isEmpty()) {
            return; // an origin without dates: nothing to compare
        }
        HttpResponse<byte[]> conditional = send(request(imagePath()).header("If-Modified-Since", lastModified.get()));
        assertThat(conditional.statusCode()).isEqualTo(304);
    }

    @Test
    void aRangeIsCutFromTheRewrittenImage() throws Exception {
        byte[] whole = get(imagePath()).body();
        HttpResponse<byte[]> part = send(request(imagePath()).header("Range", "bytes=2-5"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(header(part, "Content-Range")).contains("bytes 2-5/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 2, 6));

        HttpResponse<byte[]> tail = send(request(imagePath()).header("Range", "bytes=-4"));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 4, whole.length));
    }

    @Test
    void aRangeOnAFirstRequestIsAlsoCutFromTheRewrittenImage() throws Exception {
        HttpResponse<byte[]> part = send(request(imagePath()).header("Range", "bytes=-4"));
        byte[] whole = get(imagePath()).body();
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 4, whole.length));
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheTotal() throws Exception {
        byte[] whole = get(imagePath()).body();
        HttpResponse<byte[]> response = send(request(imagePath()).header("Range", "bytes=" + whole.length + "-"));
        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(header(response, "Content-Range")).contains("bytes */" + whole.length);
    }

    @Test
    void severalRangesOrAStaleIfRangeGetTheWholeImage() throws Exception {
        byte[] whole = get(imagePath()).body();
        HttpResponse<byte[]> several = send(request(imagePath()).header("Range", "bytes=0-1,4-5"));
        HttpResponse<byte[]> stale = send(request(imagePath()).header("Range", "bytes=0-1")
                .header("If-Range", "\"ig-old\""));
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(whole);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(whole);
    }

    @Test
    void htmlPassesByteForByteWithoutImageGuardHeaders() throws Exception {
        HttpResponse<byte[]> html = get(htmlPath());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).isEqualTo(originBytes(htmlPath()));
        assertThat(header(html, "X-ImageGuard")).isEmpty();
        assertThat(header(html, "X-Robots-Tag")).isEmpty();
    }

    @Test
    void aMissingImageIs404Untouched() throws Exception {
        HttpResponse<byte[]> missing = get(missingPath());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "X-ImageGuard")).isEmpty();
        assertThat(header(missing, "X-Robots-Tag")).isEmpty();
    }

    /** RFC 9111 §3.5: a shared cache never reuses what was fetched with credentials for a request without them. */
    @Test
    void anImageFetchedWithCredentialsIsNotReusedForARequestWithout() throws Exception {
        HttpResponse<byte[]> member = send(request(imagePath()).header("Authorization", "Basic bWVtYmVyOnB3"));
        assertThat(member.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> anonymous = get(imagePath());
        assertThat(header(anonymous, "X-ImageGuard")).as("not the member's entry").contains("miss;stage=protected");
    }

    /** The key is the request target as the origin gets it: {@code ;params} are not dropped from it. */
    @Test
    void aPathParameterIsNotCachedAsThePlainPath() throws Exception {
        get(imagePath() + ";v=evil");
        HttpResponse<byte[]> plain = get(imagePath());
        assertThat(header(plain, "X-ImageGuard")).as("not the entry made for ;v=evil").contains("miss;stage=protected");
        assertThat(get(imagePath() + ";v=evil").statusCode()).isIn(200, 404);
    }

    /** A browser reload ({@code Cache-Control: no-cache}) is answered after asking the origin, with the same bytes. */
    @Test
    void aReloadIsRevalidatedAndStillServesTheStoredRewrite() throws Exception {
        HttpResponse<byte[]> first = get(imagePath());
        HttpResponse<byte[]> reload = send(request(imagePath()).header("Cache-Control", "no-cache"));
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body()).isEqualTo(first.body());
        assertThat(header(reload, "ETag")).isEqualTo(header(first, "ETag"));
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUri().resolve(path));
    }

    protected HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    protected HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
