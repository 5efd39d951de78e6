package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Request headers are hostile input: whatever a client sends, parsing answers and never throws. */
class HeaderParsingProperties {

    @Property
    void anyRangeHeaderGivesAnOutcomeWithinTheBody(@ForAll String header, @ForAll @LongRange(max = 1 << 20) long total) {
        ByteRanges.Outcome outcome = ByteRanges.parse(header, total);
        if (outcome instanceof ByteRanges.Partial part) {
            assertThat(part.first()).isBetween(0L, total - 1);
            assertThat(part.last()).isBetween(part.first(), total - 1);
        }
    }

    @Property
    void anyRangeShapedHeaderGivesAnOutcomeWithinTheBody(@ForAll long first, @ForAll long last,
                                                         @ForAll @LongRange(max = 1 << 20) long total) {
        ByteRanges.Outcome outcome = ByteRanges.parse("bytes=" + first + "-" + last, total);
        if (outcome instanceof ByteRanges.Partial part) {
            assertThat(part.last()).isLessThan(total);
            assertThat(part.length()).isPositive();
        }
    }

    @Property
    void anyConditionalHeadersAreEvaluatedWithoutFailing(@ForAll String ifNoneMatch, @ForAll String ifModifiedSince,
                                                          @ForAll String ifRange) {
        RequestFacts request = RequestFacts.of("GET", "/a.jpg").withHeader("If-None-Match", ifNoneMatch)
                .withHeader("If-Modified-Since", ifModifiedSince).withHeader("If-Range", ifRange);
        Conditionals.notModified(request, "\"ig-abc\"", "Tue, 01 Oct 2024 10:00:00 GMT");
        Conditionals.rangeAllowed(request, "\"ig-abc\"", "Tue, 01 Oct 2024 10:00:00 GMT");
    }

    @Property
    void anyAcceptOrCacheControlIsReadWithoutFailing(@ForAll String value) {
        HeaderValues.hasToken(value, "image/webp");
        assertThat(HeaderValues.appendToken(value, "no-transform")).contains("no-transform");
    }
}
