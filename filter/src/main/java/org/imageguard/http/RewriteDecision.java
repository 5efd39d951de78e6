package org.imageguard.http;

import org.imageguard.engine.ImageFormat;

/**
 * Where one response stands on its way through ImageGuard, in the manner of Jetty's {@code GzipHandler} states.
 * The first decision is made cheaply from the status and headers, before a single body byte is held
 * ({@link #beforeBuffering}); only candidates are buffered, and for them the sniffed bytes decide
 * ({@link #afterBuffering}). A declared non-image type is not trusted blindly: its first bytes are peeked at
 * ({@link #afterPeek}), and binary image magic (JPEG, PNG, GIF, WebP, AVIF, HEIF, TIFF, JPEG XL) makes it a candidate
 * after all.
 *
 * <pre>
 * UNDECIDED ──beforeBuffering──▶ PASS_THROUGH | BYPASS_ENCODED | BYPASS_NO_TRANSFORM | BYPASS_TOO_LARGE
 *                              │                 | REVALIDATED | NOT_MODIFIED (Exchange: client validators match)
 *                              ├▶ PEEK ──afterPeek──▶ PASS_THROUGH (no binary image magic) | BUFFER
 *                              └▶ BUFFER ──afterBuffering──▶ REWRITE | SIGNALS_ONLY | NOT_IMAGE
 *                                        ──overflow──────▶ BYPASS_TOO_LARGE
 *                                        ──abandon───────▶ BYPASS_ASYNC
 *                                        ──busy──────────▶ BYPASS_BUSY (in-flight budget spent, on-busy: pass)
 *                                        ──refused───────▶ REFUSED_BUSY (in-flight budget spent, wait or reject)
 * any state ──handOver──▶ HANDED_OVER (the servlet container took the response back)
 * any state ──finish────▶ FINISHED (the body is complete and answered: nothing more is written)
 * </pre>
 *
 * <pre>{@code
 * RewriteDecision d = RewriteDecision.beforeBuffering("GET", origin, maxImageSize, false);
 * if (d == RewriteDecision.BUFFER) { ... }
 * }</pre>
 */
public enum RewriteDecision {

    /** The origin has not written a byte yet (nor flushed, nor finished): nothing is known. */
    UNDECIDED(null),

    /**
     * Not ours: a method other than GET/HEAD, a status other than 200, video or audio, a compressed or too large
     * non-image, or a declared non-image (HTML, JSON, ...) whose first bytes carry no binary image magic. Streamed
     * through untouched and unbuffered (beyond the peeked bytes), no header added.
     */
    PASS_THROUGH(null),

    /**
     * An image by its Content-Type but with a Content-Encoding other than identity: rewriting would first need
     * decoding. Streamed through unbuffered with the HTTP signals.
     */
    BYPASS_ENCODED(BypassReason.ENCODED),

    /** An image whose origin forbids transformation ({@code Cache-Control: no-transform}). Streamed, with signals. */
    BYPASS_NO_TRANSFORM(BypassReason.NO_TRANSFORM),

    /**
     * An image larger than {@code max-image-size}: known from Content-Length up front, or found while buffering (then
     * what was buffered is written out and the rest streams behind it). Streamed, with signals.
     */
    BYPASS_TOO_LARGE(BypassReason.TOO_LARGE),

    /**
     * The servlet went asynchronous before finishing its body: what was buffered is written out and the rest streams
     * through, untouched.
     */
    BYPASS_ASYNC(BypassReason.ASYNC),

    /**
     * An image by its Content-Type that found the in-flight budget ({@link InFlightBudget}) spent before buffering
     * a byte, under {@code limits.on-busy: pass}: streamed through untouched (metadata included), with signals. (A
     * candidate of unknown type becomes {@link #PASS_THROUGH}.)
     */
    BYPASS_BUSY(BypassReason.BUSY),

    /**
     * A candidate that found no room in the in-flight budget, with {@code limits.on-busy: wait} (after waiting) or
     * {@code reject}: answered 503 with {@code Retry-After} by {@link Exchange#refusal()}, the origin's body dropped.
     * Never the unprotected original.
     */
    REFUSED_BUSY(null),

    /**
     * A response that would stream, for a request whose conditionals ImageGuard took over (image paths): the client's
     * validators match the origin's own, so 304 is answered from the origin's headers and its body is dropped.
     */
    NOT_MODIFIED(null),

    /** The origin answered our revalidation with 304: the cached rewrite is served again, the body is empty. */
    REVALIDATED(null),

    /**
     * A declared type that is neither an image nor unknown (text/*, JSON, ...), otherwise a candidate (GET/HEAD, 200,
     * identity encoding, no {@code no-transform}, not known to be too large): the Content-Type may lie, so the
     * adapter hands the first bytes of the body to {@link #afterPeek}. Nothing is buffered beyond those bytes and no
     * header is forwarded until they decide. Video and audio never get here: they stream as {@link #PASS_THROUGH}.
     */
    PEEK(null),

    /**
     * A candidate: GET/HEAD, 200, identity encoding, no {@code no-transform}, an image or unknown Content-Type, not
     * known to be too large. The body is buffered (up to {@code max-image-size}) so its magic bytes can be sniffed.
     */
    BUFFER(null),

    /** Buffered and sniffed as JPEG, PNG, GIF, WebP or SVG: rewritten (or served from the cache). */
    REWRITE(null),

    /** Buffered and sniffed as an image ImageGuard cannot rewrite (AVIF, HEIF, TIFF): original bytes, with signals. */
    SIGNALS_ONLY(BypassReason.UNSUPPORTED),

    /** Buffered but the bytes are no image at all, whatever the Content-Type said: original bytes, untouched. */
    NOT_IMAGE(null),

    /**
     * The server took the response back before it was ours to answer: an error page ({@code sendError}), a redirect,
     * a reset after the decision, a servlet that went asynchronous before writing, non-blocking output. Everything
     * passes through untouched from then on, and no budget is held.
     */
    HANDED_OVER(null),

    /** The body is complete and its answer written (or passed through): nothing more may be written. */
    FINISHED(null);

    private final BypassReason bypassReason;

    RewriteDecision(BypassReason bypassReason) {
        this.bypassReason = bypassReason;
    }

    /** Why this state leaves the image unprotected ({@code X-ImageGuard: bypass;reason=<word>}), or null. */
    public BypassReason bypassReason() {
        return bypassReason;
    }

    /** The body goes straight to the client as the origin writes it. */
    public boolean streams() {
        return this == PASS_THROUGH || this == HANDED_OVER || bypassReason != null && this != SIGNALS_ONLY;
    }

    /**
     * The cheap first decision, from the status and headers alone.
     *
     * @param clientMethod  the method the client used (HEAD is forwarded as GET but still counts as HEAD here)
     * @param maxImageSize  {@code limits.max-image-size} in bytes
     * @param revalidating  the request carried our own validator to the origin, so 304 means "still fresh"
     */
    public static RewriteDecision beforeBuffering(String clientMethod, OriginResponse origin, long maxImageSize,
                                                  boolean revalidating) {
        if (!"GET".equals(clientMethod) && !"HEAD".equals(clientMethod)) {
            return PASS_THROUGH;
        }
        if (origin.status() == 304 && revalidating) {
            return REVALIDATED;
        }
        if (origin.status() != 200) {
            return PASS_THROUGH;
        }
        boolean image = origin.declaresImage();
        if (origin.declaresMedia()) {
            return PASS_THROUGH;
        }
        // Below, an undeclared image is not worth a bypass label: without buffering we cannot tell it is one.
        RewriteDecision bypass = bypassFromHeaders(origin, maxImageSize);
        if (bypass != null) {
            return image ? bypass : PASS_THROUGH;
        }
        return image || origin.declaresUnknownType() ? BUFFER : PEEK;
    }

    /**
     * The decision on a {@link #PEEK}, from the first bytes of the body ({@link ImageFormat#MAGIC_BYTES}): binary image
     * magic makes a candidate, whether ImageGuard can protect the format (JPEG, PNG, GIF, WebP, AVIF, HEIF, TIFF,
     * container JPEG XL) or not (image sequences, TIFF with sub-images: buffered so that they are counted and
     * {@code on-unsupported} applies, never passed unnoticed). SVG is not sniffed here: an HTML page may well start
     * with {@code <svg}; nor is a bare JPEG XL codestream, whose two-byte magic is too weak to buffer a text body for.
     */
    public RewriteDecision afterPeek(ImageFormat sniffed) {
        if (this != PEEK) {
            throw new IllegalStateException("expected state PEEK, found " + this);
        }
        return switch (sniffed) {
            case JPEG, PNG, GIF, WEBP, AVIF, HEIF, AVIF_SEQUENCE, HEIF_SEQUENCE, TIFF, TIFF_SUBIMAGES, JXL -> BUFFER;
            case SVG, JXL_CODESTREAM, UNKNOWN -> PASS_THROUGH;
        };
    }

    private static RewriteDecision bypassFromHeaders(OriginResponse origin, long maxImageSize) {
        if (!origin.identityEncoding()) {
            return BYPASS_ENCODED;
        }
        if (origin.noTransform()) {
            return BYPASS_NO_TRANSFORM;
        }
        if (origin.contentLength() > maxImageSize) {
            return BYPASS_TOO_LARGE;
        }
        return null;
    }

    /**
     * The second decision, once a candidate's whole body is buffered: the magic bytes have the last word, except that
     * a body declared {@code image/svg+xml} is an image even when it does not read as SVG (SVG has no magic bytes).
     */
    public RewriteDecision afterBuffering(ImageFormat sniffed, boolean declaredSvg) {
        requireBuffering();
        if (sniffed.rewritable()) {
            return REWRITE;
        }
        return sniffed == ImageFormat.UNKNOWN && !declaredSvg ? NOT_IMAGE : SIGNALS_ONLY;
    }

    /** The body grew past {@code max-image-size} while buffering. */
    public RewriteDecision overflow() {
        requireBuffering();
        return BYPASS_TOO_LARGE;
    }

    /** The servlet went asynchronous while this response was buffering. */
    public RewriteDecision abandon() {
        requireBuffering();
        return BYPASS_ASYNC;
    }

    /** No room in the in-flight budget, and ops chose 503 over the original. */
    public RewriteDecision refused() {
        requireBuffering();
        return REFUSED_BUSY;
    }

    /** No room in the in-flight budget, {@code on-busy: pass}: the candidate streams instead of buffering. */
    public RewriteDecision busy() {
        requireBuffering();
        return BYPASS_BUSY;
    }

    private void requireBuffering() {
        if (this != BUFFER) {
            throw new IllegalStateException("expected state BUFFER, found " + this);
        }
    }
}
