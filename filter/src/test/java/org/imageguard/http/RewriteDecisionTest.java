package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imageguard.engine.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriteDecisionTest {

    private static final long MAX = 1000;

    @ParameterizedTest(name = "{0} {1} type={2} encoding={3} cache-control={4} length={5} → {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | 200 | image/jpeg               | -        | -                  | -    | BUFFER
            HEAD   | 200 | image/png                | -        | -                  | 10   | BUFFER
            GET    | 200 | application/octet-stream | -        | -                  | -    | BUFFER
            GET    | 200 | -                        | -        | -                  | -    | BUFFER
            GET    | 200 | IMAGE/JPEG; q=1          | identity | max-age=60         | 1000 | BUFFER
            POST   | 200 | image/jpeg               | -        | -                  | -    | PASS_THROUGH
            PUT    | 200 | image/jpeg               | -        | -                  | -    | PASS_THROUGH
            GET    | 404 | image/jpeg               | -        | -                  | -    | PASS_THROUGH
            GET    | 206 | image/jpeg               | -        | -                  | -    | PASS_THROUGH
            GET    | 304 | image/jpeg               | -        | -                  | -    | PASS_THROUGH
            GET    | 200 | text/html;charset=utf-8  | -        | -                  | -    | PEEK
            GET    | 200 | application/json         | -        | -                  | -    | PEEK
            GET    | 200 | text/plain               | gzip     | -                  | -    | PASS_THROUGH
            GET    | 200 | text/plain               | -        | no-transform       | -    | PASS_THROUGH
            GET    | 200 | text/plain               | -        | -                  | 5000 | PASS_THROUGH
            POST   | 200 | text/plain               | -        | -                  | -    | PASS_THROUGH
            GET    | 200 | video/mp4                | -        | -                  | -    | PASS_THROUGH
            GET    | 200 | audio/mpeg               | -        | -                  | -    | PASS_THROUGH
            GET    | 200 | image/jpeg               | gzip     | -                  | -    | BYPASS_ENCODED
            GET    | 200 | image/jpeg               | -        | public, no-transform | -  | BYPASS_NO_TRANSFORM
            GET    | 200 | image/jpeg               | -        | -                  | 1001 | BYPASS_TOO_LARGE
            GET    | 200 | application/octet-stream | gzip     | -                  | -    | PASS_THROUGH
            GET    | 200 | -                        | -        | -                  | 5000 | PASS_THROUGH
            GET    | 200 | image/jpeg               | -        | x-no-transformer   | -    | BUFFER
            """)
    void decidesBeforeBufferingFromStatusAndHeaders(String method, int status, String type, String encoding,
                                                    String cacheControl, Long length, RewriteDecision expected) {
        OriginResponse origin = new OriginResponse(status, type, encoding, cacheControl, "", "",
                length == null ? -1 : length, "");
        assertThat(RewriteDecision.beforeBuffering(method, origin, MAX, false)).isEqualTo(expected);
    }

    @Test
    void a304IsOursOnlyWhenWeRevalidated() {
        OriginResponse notModified = OriginResponse.ok("").withStatus(304);
        assertThat(RewriteDecision.beforeBuffering("GET", notModified, MAX, true)).isEqualTo(RewriteDecision.REVALIDATED);
        assertThat(RewriteDecision.beforeBuffering("GET", notModified, MAX, false))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
    }

    @Test
    void sniffedBytesDecideAfterBuffering() {
        assertThat(RewriteDecision.BUFFER.afterBuffering(ImageFormat.JPEG, false)).isEqualTo(RewriteDecision.REWRITE);
        assertThat(RewriteDecision.BUFFER.afterBuffering(ImageFormat.SVG, false)).isEqualTo(RewriteDecision.REWRITE);
        assertThat(RewriteDecision.BUFFER.afterBuffering(ImageFormat.JXL_CODESTREAM, false))
                .isEqualTo(RewriteDecision.SIGNALS_ONLY);
        assertThat(RewriteDecision.BUFFER.afterBuffering(ImageFormat.UNKNOWN, false))
                .isEqualTo(RewriteDecision.NOT_IMAGE);
        assertThat(RewriteDecision.BUFFER.afterBuffering(ImageFormat.UNKNOWN, true))
                .as("declared image/svg+xml").isEqualTo(RewriteDecision.SIGNALS_ONLY);
    }

    @Test
    void aPeekBuffersEveryBinaryImageMagicButTheBareJpegXlCodestream() {
        for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP,
            ImageFormat.AVIF, ImageFormat.HEIF, ImageFormat.TIFF, ImageFormat.JXL, ImageFormat.AVIF_SEQUENCE,
            ImageFormat.HEIF_SEQUENCE, ImageFormat.TIFF_SUBIMAGES}) {
            assertThat(RewriteDecision.PEEK.afterPeek(f)).as(f.name()).isEqualTo(RewriteDecision.BUFFER);
        }
        for (ImageFormat f : new ImageFormat[] {ImageFormat.SVG, ImageFormat.JXL_CODESTREAM, ImageFormat.UNKNOWN}) {
            assertThat(RewriteDecision.PEEK.afterPeek(f)).as(f.name()).isEqualTo(RewriteDecision.PASS_THROUGH);
        }
        assertThat(RewriteDecision.PEEK.streams()).as("nothing is forwarded before the peek").isFalse();
        assertThatThrownBy(() -> RewriteDecision.BUFFER.afterPeek(ImageFormat.JPEG))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyABufferingResponseCanOverflowOrBeSniffed() {
        assertThat(RewriteDecision.BUFFER.overflow()).isEqualTo(RewriteDecision.BYPASS_TOO_LARGE);
        assertThatThrownBy(RewriteDecision.PASS_THROUGH::overflow).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected state BUFFER, found PASS_THROUGH");
        assertThatThrownBy(() -> RewriteDecision.UNDECIDED.afterBuffering(ImageFormat.JPEG, false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void streamingStatesAreThoseThatNeverHoldTheBody() {
        assertThat(RewriteDecision.PASS_THROUGH.streams()).isTrue();
        assertThat(RewriteDecision.BYPASS_ENCODED.streams()).isTrue();
        assertThat(RewriteDecision.BYPASS_TOO_LARGE.streams()).isTrue();
        assertThat(RewriteDecision.BYPASS_ASYNC.streams()).isTrue();
        assertThat(RewriteDecision.BUFFER.streams()).isFalse();
        assertThat(RewriteDecision.SIGNALS_ONLY.streams()).isFalse();
        assertThat(RewriteDecision.UNDECIDED.streams()).isFalse();
        assertThat(RewriteDecision.BYPASS_TOO_LARGE.bypassReason().word()).isEqualTo("too-large");
        assertThat(RewriteDecision.HANDED_OVER.streams()).as("the container's own response passes through").isTrue();
        assertThat(RewriteDecision.HANDED_OVER.bypassReason()).as("and gets no label").isNull();
        assertThat(RewriteDecision.FINISHED.streams()).as("nothing is written after the end").isFalse();
    }

    @Test
    void aCandidateWithoutRoomInTheBudgetStreamsLabelledBusy() {
        assertThat(RewriteDecision.BUFFER.busy()).isEqualTo(RewriteDecision.BYPASS_BUSY);
        assertThat(RewriteDecision.BUFFER.refused()).isEqualTo(RewriteDecision.REFUSED_BUSY);
        assertThat(RewriteDecision.REFUSED_BUSY.streams()).as("a 503, never the original").isFalse();
        assertThat(RewriteDecision.BYPASS_BUSY.streams()).isTrue();
        assertThat(RewriteDecision.BYPASS_BUSY.bypassReason().word()).isEqualTo("busy");
        assertThatThrownBy(RewriteDecision.PASS_THROUGH::busy)
                .isInstanceOf(IllegalStateException.class);
    }
}
