package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.junit.jupiter.api.Test;

/**
 * What the rewrite cache may store and serve (RFC 9111 for a shared cache), which headers of a hit follow the policy
 * in force, and that the key is the request target as the origin gets it, Host included.
 */
class SharedCachePipelineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static final byte[] OTHER_JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9, 9, 9, 9};
    private static final byte[] MARKER = "+IG".getBytes(StandardCharsets.US_ASCII);
    private static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final OriginResponse ORIGIN_JPEG = OriginResponse.ok("image/jpeg").withEtag("\"v1\"")
            .withLastModified("Tue, 01 Oct 2024 10:00:00 GMT");

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger rewrites = new AtomicInteger();
    private final AtomicReference<Policy> policy = new AtomicReference<>(Policy.DEFAULTS);
    private final ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
            .rewriter((body, p) -> {
                rewrites.incrementAndGet();
                byte[] out = java.util.Arrays.copyOf(body, body.length + MARKER.length);
                System.arraycopy(MARKER, 0, out, body.length, MARKER.length);
                return new RewriteResult(out, new RewriteReport(ImageFormat.sniff(body), 1, 1,
                        RewriteReport.REWRITTEN, List.of(), List.of(), body.length, out.length));
            })
            .policies(path -> policy.get())
            .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), FRESH_FOR), ticker, Runnable::run))
            .limiter(new TransformLimiter(1))
            .build();

    private static RequestFacts get(String path) {
        return RequestFacts.of("GET", path);
    }

    private HttpAnswer throughOrigin(RequestFacts request, OriginResponse origin, byte[] body) {
        Step step = pipeline.begin(request);
        assertThat(step).as("%s goes to the origin", request).isInstanceOf(Step.Forward.class);
        Exchange exchange = ((Step.Forward) step).exchange();
        assertThat(exchange.decide(origin)).isEqualTo(RewriteDecision.BUFFER);
        return exchange.complete(body);
    }

    /** The cache answers without the origin. */
    private boolean servedFromCache(RequestFacts request) {
        return pipeline.begin(request) instanceof Step.Respond;
    }

    // --- RFC 9111 §3.5: credentials ---

    @Test
    void aResponseToAnAuthorizedRequestIsNeverServedToAnAnonymousOne() {
        throughOrigin(get("/private/a.jpg").withHeader("Authorization", "Basic dXNlcjpwdw=="), ORIGIN_JPEG, JPEG);
        assertThat(servedFromCache(get("/private/a.jpg"))).as("anonymous request after an authorized one").isFalse();
    }

    @Test
    void anAuthorizedResponseMarkedPublicSMaxageOrMustRevalidateIsShared() {
        for (String allowing : List.of("public, max-age=60", "s-maxage=60", "max-age=60, must-revalidate")) {
            String path = "/shared/" + allowing.hashCode() + ".jpg";
            throughOrigin(get(path).withHeader("Authorization", "Bearer t"), ORIGIN_JPEG.withCacheControl(allowing),
                    JPEG);
            assertThat(servedFromCache(get(path))).as(allowing).isTrue();
        }
    }

    @Test
    void anAuthorizedRequestAlwaysAsksTheOriginEvenWhenAnEntryIsFresh() {
        throughOrigin(get("/a.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(servedFromCache(get("/a.jpg").withHeader("Authorization", "Basic dXNlcjpwdw=="))).isFalse();
        // ...and the origin's own answer for it does not reach the anonymous entry unless it may be shared.
        HttpAnswer authorized = throughOrigin(get("/a.jpg").withHeader("Authorization", "Basic dXNlcjpwdw=="),
                ORIGIN_JPEG.withEtag("\"for-alice\""), OTHER_JPEG);
        assertThat(authorized.sentBytes()).startsWith(OTHER_JPEG);
        assertThat(respond(get("/a.jpg")).sentBytes()).as("anonymous still get the anonymous image").startsWith(JPEG);
    }

    // --- RFC 9111 §3 and §5.2: what may be stored, and for how long ---

    @Test
    void noStorePrivateSetCookieAndAVaryOnOtherHeadersAreNotStored() {
        List<OriginResponse> unstorable = List.of(ORIGIN_JPEG.withCacheControl("no-store"),
                ORIGIN_JPEG.withCacheControl("private, max-age=60"), ORIGIN_JPEG.withVary("Cookie"),
                ORIGIN_JPEG.withVary("Accept-Language, Accept-Encoding"), ORIGIN_JPEG.withVary("*"),
                ORIGIN_JPEG.withSetCookie(true));
        for (int i = 0; i < unstorable.size(); i++) {
            throughOrigin(get("/n" + i + ".jpg"), unstorable.get(i), JPEG);
            assertThat(servedFromCache(get("/n" + i + ".jpg"))).as("%s", unstorable.get(i)).isFalse();
        }
    }

    @Test
    void aVaryOnTheEncodingAloneIsStored() {
        throughOrigin(get("/a.jpg"), ORIGIN_JPEG.withVary("Accept-Encoding"), JPEG);
        assertThat(servedFromCache(get("/a.jpg"))).isTrue();
    }

    @Test
    void aRequestWithNoStoreIsNotStored() {
        throughOrigin(get("/a.jpg").withHeader("Cache-Control", "no-store"), ORIGIN_JPEG, JPEG);
        assertThat(servedFromCache(get("/a.jpg"))).isFalse();
    }

    @Test
    void noCacheIsStoredButRevalidatedBeforeEachReuse() {
        throughOrigin(get("/a.jpg"), ORIGIN_JPEG.withCacheControl("no-cache"), JPEG);
        Step next = pipeline.begin(get("/a.jpg"));
        assertThat(next).isInstanceOf(Step.Forward.class);
        Exchange revalidation = ((Step.Forward) next).exchange();
        assertThat(revalidation.addedRequestHeaders()).isEqualTo(Map.of("If-None-Match", "\"v1\""));
        assertThat(revalidation.decide(OriginResponse.ok("").withStatus(304))).isEqualTo(RewriteDecision.REVALIDATED);
        assertThat(revalidation.revalidated().header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(rewrites).as("the stored rewrite was reused").hasValue(1);
        assertThat(servedFromCache(get("/a.jpg"))).as("still revalidated every time").isFalse();
    }

    @Test
    void theOriginsShorterMaxAgeOrSMaxageLimitsFreshness() {
        throughOrigin(get("/m.jpg"), ORIGIN_JPEG.withCacheControl("max-age=10"), JPEG);
        throughOrigin(get("/s.jpg"), ORIGIN_JPEG.withCacheControl("max-age=600, s-maxage=10"), JPEG);
        throughOrigin(get("/z.jpg"), ORIGIN_JPEG.withCacheControl("max-age=0"), JPEG);
        throughOrigin(get("/long.jpg"), ORIGIN_JPEG.withCacheControl("max-age=86400"), JPEG);
        assertThat(servedFromCache(get("/m.jpg"))).isTrue();
        assertThat(servedFromCache(get("/z.jpg"))).isFalse();
        ticker.advance(Duration.ofSeconds(10));
        assertThat(servedFromCache(get("/m.jpg"))).isFalse();
        assertThat(servedFromCache(get("/s.jpg"))).isFalse();
        assertThat(servedFromCache(get("/long.jpg"))).isTrue();
        ticker.advance(FRESH_FOR);
        assertThat(servedFromCache(get("/long.jpg"))).as("fresh-for still caps it").isFalse();
    }

    @Test
    void aBrowserReloadRevalidatesAFreshEntry() {
        throughOrigin(get("/a.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(servedFromCache(get("/a.jpg").withHeader("Cache-Control", "max-age=0"))).isFalse();
        assertThat(servedFromCache(get("/a.jpg").withHeader("Cache-Control", "no-cache"))).isFalse();
        assertThat(servedFromCache(get("/a.jpg").withHeader("Pragma", "no-cache"))).isFalse();
        assertThat(servedFromCache(get("/a.jpg"))).isTrue();
    }

    // --- the key ---

    @Test
    void aPathParameterOrAnEscapeIsCachedApartFromThePlainPath() {
        throughOrigin(get("/victim.jpg").withRawPath("/victim.jpg;evil"), ORIGIN_JPEG.withEtag("\"evil\""),
                OTHER_JPEG);
        throughOrigin(get("/victim.jpg").withRawPath("/vic%74im.jpg"), ORIGIN_JPEG.withEtag("\"evil\""), OTHER_JPEG);
        HttpAnswer victim = throughOrigin(get("/victim.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(victim.sentBytes()).startsWith(JPEG);
    }

    @Test
    void eachHostHasItsOwnEntries() {
        throughOrigin(get("/logo.jpg").withHost("a.example"), ORIGIN_JPEG, JPEG);
        assertThat(servedFromCache(get("/logo.jpg").withHost("b.example"))).isFalse();
        assertThat(servedFromCache(get("/logo.jpg").withHost("a.example"))).isTrue();
    }

    @Test
    void runsOfSlashesCannotEscapeAPathRule() {
        assertThat(get("//private///a.jpg").path()).isEqualTo("/private/a.jpg");
        assertThat(get("//private///a.jpg").url()).as("the key stays raw").isEqualTo("//private///a.jpg");
    }

    // --- header-only settings ---

    @Test
    void aHitAndA304RevalidationCarryTheSignalsOfThePolicyInForce() {
        HttpAnswer miss = throughOrigin(get("/a.jpg"), ORIGIN_JPEG.withCacheControl("max-age=60"), JPEG);
        assertThat(miss.header("X-Robots-Tag")).isEqualTo("noai, noimageai");

        policy.set(ConfigLoader.load("""
                protection:
                  headers:
                    x-robots-tag: noai
                    tdm-reservation: false
                    content-usage: train-ai=n, search=y
                    no-transform: false
                hotlink:
                  cross-origin-resource-policy: true
                """, "reloaded.yaml").policy());
        HttpAnswer hit = respond(get("/a.jpg"));
        assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertCurrentHeaders(hit);
        assertThat(hit.sentBytes()).isEqualTo(miss.sentBytes());
        assertThat(hit.header("ETag")).as("the bytes did not change").isEqualTo(miss.header("ETag"));

        HttpAnswer notModified = respond(get("/a.jpg").withHeader("If-None-Match", miss.header("ETag")));
        assertThat(notModified.status()).isEqualTo(304);
        assertCurrentHeaders(notModified);

        ticker.advance(FRESH_FOR);
        Exchange revalidation = ((Step.Forward) pipeline.begin(get("/a.jpg"))).exchange();
        assertThat(revalidation.decide(OriginResponse.ok("").withStatus(304))).isEqualTo(RewriteDecision.REVALIDATED);
        assertCurrentHeaders(revalidation.revalidated());
    }

    private static void assertCurrentHeaders(HttpAnswer answer) {
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai");
        assertThat(answer.header("tdm-reservation")).isEmpty();
        assertThat(answer.header("Content-Usage")).isEqualTo("train-ai=n, search=y");
        assertThat(answer.header("Cross-Origin-Resource-Policy")).isEqualTo("same-site");
        assertThat(answer.header("Cache-Control")).isEqualTo("max-age=60");
    }

    private HttpAnswer respond(RequestFacts request) {
        Step step = pipeline.begin(request);
        assertThat(step).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).answer();
    }
}
