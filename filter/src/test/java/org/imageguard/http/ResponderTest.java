package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final String ETAG = "\"ig-abc\"";
    private static final String LAST_MODIFIED = "Tue, 01 Oct 2024 10:00:00 GMT";
    private static final Outcome HIT = Outcome.hit(Stage.PROTECTED);
    private static final byte[] BODY = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final Representation REP = new Representation(BODY, ETAG, LAST_MODIFIED, List.of(
            new Header("Content-Type", "image/jpeg"), new Header("ETag", ETAG),
            new Header("Last-Modified", LAST_MODIFIED), new Header("X-Robots-Tag", "noai")));

    private static RequestFacts get() {
        return RequestFacts.of("GET", "/a.jpg");
    }

    @Test
    void plainGetIsTheWholeBodyWithItsExactLength() {
        HttpAnswer answer = Responder.answer(get(), REP, Outcome.miss(Stage.PROTECTED));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Length")).isEqualTo("10");
        assertThat(answer.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(answer.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(answer.sentBytes()).isEqualTo(BODY);
    }

    @Test
    void headHasGetsHeadersAndNoBody() {
        HttpAnswer get = Responder.answer(get(), REP, HIT);
        HttpAnswer head = Responder.answer(RequestFacts.of("HEAD", "/a.jpg"), REP, HIT);
        assertThat(head.headers()).isEqualTo(get.headers());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.sendBody()).isFalse();
    }

    @Test
    void matchingIfNoneMatchGives304WithTheSameValidatorsAndSignals() {
        HttpAnswer answer = Responder.answer(get().withHeader("If-None-Match", "\"other\", " + ETAG), REP, HIT);
        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.sendBody()).isFalse();
        assertThat(answer.header("ETag")).isEqualTo(ETAG);
        assertThat(answer.header("Last-Modified")).isEqualTo(LAST_MODIFIED);
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai");
        assertThat(answer.header("Content-Length")).isEmpty();
        assertThat(answer.removedHeaders()).contains("Content-Length");
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        RequestFacts later = get().withHeader("If-Modified-Since", "Wed, 02 Oct 2024 10:00:00 GMT");
        RequestFacts same = get().withHeader("If-Modified-Since", LAST_MODIFIED);
        RequestFacts earlier = get().withHeader("If-Modified-Since", "Mon, 30 Sep 2024 10:00:00 GMT");
        assertThat(Responder.answer(later, REP, HIT).status()).isEqualTo(304);
        assertThat(Responder.answer(same, REP, HIT).status()).isEqualTo(304);
        assertThat(Responder.answer(earlier, REP, HIT).status()).isEqualTo(200);
        assertThat(Responder.answer(later.withHeader("If-None-Match", "\"old\""), REP, HIT).status())
                .as("a non-matching If-None-Match overrides If-Modified-Since").isEqualTo(200);
        assertThat(Responder.answer(get().withHeader("If-Modified-Since", "yesterday"), REP, HIT).status())
                .as("an unparsable date is ignored").isEqualTo(200);
    }

    @Test
    void rangeIsCutFromTheServedBytes() {
        HttpAnswer answer = Responder.answer(get().withHeader("Range", "bytes=2-4"), REP, HIT);
        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.header("Content-Range")).isEqualTo("bytes 2-4/10");
        assertThat(answer.header("Content-Length")).isEqualTo("3");
        assertThat(new String(answer.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");
    }

    @Test
    void suffixAndOpenRanges() {
        assertThat(new String(Responder.answer(get().withHeader("Range", "bytes=-3"), REP, HIT).sentBytes(),
                StandardCharsets.US_ASCII)).isEqualTo("789");
        assertThat(Responder.answer(get().withHeader("Range", "bytes=8-"), REP, HIT).header("Content-Range"))
                .isEqualTo("bytes 8-9/10");
    }

    @Test
    void severalRangesGiveTheWholeBody() {
        HttpAnswer answer = Responder.answer(get().withHeader("Range", "bytes=0-1,4-5"), REP, HIT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.sentBytes()).isEqualTo(BODY);
    }

    @Test
    void unsatisfiableRangeIs416WithTheTotal() {
        HttpAnswer answer = Responder.answer(get().withHeader("Range", "bytes=10-"), REP, HIT);
        assertThat(answer.status()).isEqualTo(416);
        assertThat(answer.header("Content-Range")).isEqualTo("bytes */10");
        assertThat(answer.sentBytes()).isEmpty();
    }

    @Test
    void ifRangeMismatchGivesTheWholeBody() {
        RequestFacts stale = get().withHeader("Range", "bytes=2-4").withHeader("If-Range", "\"ig-old\"");
        RequestFacts weak = get().withHeader("Range", "bytes=2-4").withHeader("If-Range", "W/" + ETAG);
        RequestFacts current = get().withHeader("Range", "bytes=2-4").withHeader("If-Range", ETAG);
        RequestFacts byDate = get().withHeader("Range", "bytes=2-4").withHeader("If-Range", LAST_MODIFIED);
        assertThat(Responder.answer(stale, REP, HIT).status()).isEqualTo(200);
        assertThat(Responder.answer(weak, REP, HIT).status()).isEqualTo(200);
        assertThat(Responder.answer(current, REP, HIT).status()).isEqualTo(206);
        assertThat(Responder.answer(byDate, REP, HIT).status()).isEqualTo(206);
    }

    @Test
    void headIgnoresRange() {
        HttpAnswer answer = Responder.answer(RequestFacts.of("HEAD", "/a.jpg").withHeader("Range", "bytes=0-1"),
                REP, HIT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Length")).isEqualTo("10");
    }

    @Test
    void aRepeatedWholeAnswerReusesItsHeaderBlockUntilThePolicyHeadersOrOutcomeChange() {
        Representation rep = new Representation(BODY, ETAG, LAST_MODIFIED, List.of(new Header("ETag", ETAG)));
        List<Header> policy = List.of(new Header("X-Robots-Tag", "noai"));
        List<Header> reloaded = List.of(new Header("X-Robots-Tag", "noimageai"));

        HttpAnswer first = Responder.answer(get(), rep, policy, HIT);
        HttpAnswer second = Responder.answer(get(), rep, policy, HIT);
        HttpAnswer afterReload = Responder.answer(get(), rep, reloaded, HIT);
        HttpAnswer miss = Responder.answer(get(), rep, reloaded, Outcome.miss(Stage.PROTECTED));

        assertThat(second.headers()).isSameAs(first.headers());
        assertThat(first.headers()).extracting(Header::name).containsExactly("ETag", "X-Robots-Tag", "X-ImageGuard",
                "Accept-Ranges", "Content-Length");
        assertThat(afterReload.header("X-Robots-Tag")).isEqualTo("noimageai");
        assertThat(miss.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(miss.header("Content-Length")).isEqualTo("10");
    }

    @Test
    void anOffHeapBodyAnswersWholeRangedHeadAndConditionalRequestsWithTheSameBytes() {
        Representation offHeap = REP.offHeapCopy();
        assertThat(offHeap.offHeap()).isTrue();
        assertThat(offHeap).isEqualTo(REP);

        HttpAnswer whole = Responder.answer(get(), offHeap, HIT);
        assertThat(whole.offHeap()).isTrue();
        assertThat(whole.content().isDirect()).as("written to a socket without a copy").isTrue();
        assertThat(whole.content().isReadOnly()).isTrue();
        assertThat(whole.sentBytes()).isEqualTo(BODY);
        assertThat(whole.headers()).isEqualTo(Responder.answer(get(), REP, HIT).headers());

        HttpAnswer range = Responder.answer(get().withHeader("Range", "bytes=2-4"), offHeap, HIT);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 2-4/10");
        assertThat(range.content().remaining()).isEqualTo(3);
        assertThat(new String(range.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");

        HttpAnswer head = Responder.answer(RequestFacts.of("HEAD", "/a.jpg"), offHeap, HIT);
        assertThat(head.sendBody()).isFalse();
        assertThat(head.header("Content-Length")).isEqualTo("10");
        assertThat(Responder.answer(get().withHeader("If-None-Match", ETAG), offHeap, HIT).status()).isEqualTo(304);
        assertThat(Responder.answer(get().withHeader("Range", "bytes=20-"), offHeap, HIT).status()).isEqualTo(416);
    }

    @Test
    void whenDirectMemoryIsShortTheBodyStaysOnTheHeapAndStillServes() {
        Representation kept = REP.offHeapCopy(size -> {
            throw new OutOfMemoryError("Direct buffer memory");
        });
        assertThat(kept).isSameAs(REP);
        assertThat(kept.offHeap()).isFalse();
        HttpAnswer answer = Responder.answer(get(), kept, HIT);
        assertThat(answer.offHeap()).isFalse();
        assertThat(answer.sentBytes()).isEqualTo(BODY);
    }
}
