package org.imageguard.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.imageguard.config.MemoryBudget;
import org.imageguard.config.OnBusy;
import org.imageguard.config.OnError;
import org.imageguard.config.OnUnsupported;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarded request on its way through the origin: what to send down (method, headers to drop and add), then
 * the {@link RewriteDecision} once the origin's headers are known, then the answer once its body is. Not
 * thread-safe: one per request, driven by one adapter (only {@link #close} may come from another thread).
 *
 * <p>A {@link RewriteDecision#BUFFER} decision holds a reservation in the pipeline's {@link InFlightBudget} of
 * twice {@link #bufferLimit()} bytes (the body and its rewritten copy); the adapter gives it back with {@link #close()} once it no longer holds the body
 * (after writing the answer, on overflow, on error). {@code close()} is idempotent, so a {@code finally} may always
 * call it.
 *
 * <pre>{@code
 * Exchange ex = ((Step.Forward) pipeline.begin(facts)).exchange();
 * try (ex) {
 *     // forward with ex.forwardMethod(), minus ex.removedRequestHeaders(), plus ex.addedRequestHeaders()
 *     RewriteDecision d = ex.decide(originResponse);
 *     if (d == RewriteDecision.BUFFER) { HttpAnswer answer = ex.complete(body); }
 * }
 * }</pre>
 */
public final class Exchange implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Headers ImageGuard answers itself for image paths, so the origin sends the whole original. */
    static final Set<String> TAKEN_OVER = Set.of("if-none-match", "if-modified-since", "range", "if-range");
    /** Long enough for a burst to drain: the budget frees as each answer is written. */
    static final String BUSY_RETRY_AFTER_SECONDS = "2";

    private final ImageGuardPipeline pipeline;
    private final RequestFacts request;
    private final CompiledPolicy policy;
    /** The cache key of an image request (its variant included); null for a site file. */
    private final RewriteCache.Key key;
    private final RewriteCache.Entry stale;
    /** The client's conditionals and range are ours to answer (image paths, stored entries, site files). */
    private final boolean takeOver;
    private final SiteFile siteFile;
    private RewriteDecision state = RewriteDecision.UNDECIDED;
    private OriginResponse origin;
    private boolean sniffedImage;
    private HttpAnswer notModified;
    /** The outcome handed to the adapter for good: its answer's, or the label it streamed with (see {@link #outcome}). */
    private Outcome outcome;
    /** What may be buffered: max-image-size, or the smaller Content-Length reserved for this body. */
    private long bufferLimit;
    /** Bytes reserved in the in-flight budget and not yet given back; zero once released. */
    private final AtomicLong reservation = new AtomicLong();

    private Exchange(ImageGuardPipeline pipeline, RequestFacts request, CompiledPolicy policy, RewriteCache.Key key,
                     RewriteCache.Entry stale, SiteFile siteFile) {
        this.pipeline = pipeline;
        this.request = request;
        this.policy = policy;
        this.key = key;
        this.stale = stale;
        this.siteFile = siteFile;
        this.takeOver = siteFile != null || stale != null || ImagePaths.likelyImage(request.path());
        this.bufferLimit = policy.maxImageSize();
    }

    /**
     * A request that may be for an image, under {@code key} (its variant negotiated), with the stored entry that
     * is no longer fresh when there is one (revalidated with the origin's own validator).
     */
    static Exchange forImage(ImageGuardPipeline pipeline, RequestFacts request, CompiledPolicy policy,
                             RewriteCache.Key key, RewriteCache.Entry stale) {
        return new Exchange(pipeline, request, policy, key, stale, null);
    }

    /** One of our site files that starts from the origin's (robots.txt): asked for in full, never cached. */
    static Exchange forSiteFile(ImageGuardPipeline pipeline, RequestFacts request, CompiledPolicy policy,
                                SiteFile file) {
        return new Exchange(pipeline, request, policy, null, null, file);
    }

    /** HEAD is sent down as GET on image paths: the rewritten length (GET's Content-Length) needs the body. */
    public String forwardMethod() {
        return takeOver && request.isHead() ? "GET" : request.method();
    }

    /** Lower-cased names of request headers the origin must not see. */
    public Set<String> removedRequestHeaders() {
        return takeOver ? TAKEN_OVER : Set.of();
    }

    /** The stale entry's own validator, so the origin can answer 304 when the original is unchanged. */
    public Map<String, String> addedRequestHeaders() {
        if (stale == null) {
            return Map.of();
        }
        if (!stale.originEtag().isBlank()) {
            return Map.of("If-None-Match", stale.originEtag());
        }
        if (!stale.originLastModified().isBlank()) {
            return Map.of("If-Modified-Since", stale.originLastModified());
        }
        return Map.of();
    }

    /** The origin's body was requested only for its headers (a HEAD sent down as GET): do not send it on. */
    public boolean discardsStreamedBody() {
        return takeOver && request.isHead();
    }

    /**
     * How many body bytes may be buffered before the response streams through untouched: {@code max-image-size}, or
     * the origin's smaller Content-Length once a candidate has reserved exactly that much.
     */
    public long bufferLimit() {
        return bufferLimit;
    }

    /** Gives back this request's share of the in-flight budget, if it holds one. Idempotent and thread-safe. */
    @Override
    public void close() {
        long held = reservation.getAndSet(0);
        if (held > 0) {
            pipeline.inFlight().release(held);
        }
    }

    public RewriteDecision state() {
        return state;
    }

    public RequestFacts request() {
        return request;
    }

    /**
     * Whether an error the origin sends ({@code sendError(404)} behind a servlet filter) is ours to replace: true for
     * a {@link SiteFile} such as robots.txt, whose absence at the origin means "serve ours". Adapters then capture
     * the error as a plain status instead of letting the container render its error page.
     */
    public boolean replacesErrors() {
        return siteFile != null;
    }

    /**
     * The first decision, made from the origin's status and headers before any body byte is held. Under
     * {@code on-busy: wait}, a candidate that finds the in-flight budget spent waits here, holding this thread, for
     * up to the pipeline's busy patience; {@link #decide(OriginResponse, Consumer)} waits without one.
     */
    public RewriteDecision decide(OriginResponse originResponse) {
        decide(originResponse, Waiting.HERE, decided -> { });
        return state;
    }

    /**
     * {@link #decide(OriginResponse)} for an adapter that must not hold a thread while a candidate waits for room in
     * the in-flight budget: {@code then} gets the decision, at once on this thread when there is no wait, else later
     * on the thread that gave back the room or on a timer thread (so it must hand real work to a thread of its own).
     * Until then the adapter leaves this exchange alone.
     */
    public void decide(OriginResponse originResponse, Consumer<RewriteDecision> then) {
        decide(originResponse, Waiting.LATER, then);
    }

    private void decide(OriginResponse originResponse, Waiting waiting, Consumer<RewriteDecision> then) {
        require(RewriteDecision.UNDECIDED);
        this.origin = originResponse;
        boolean revalidating = !addedRequestHeaders().isEmpty();
        if (siteFile != null) {
            // Ours unless the origin's stands: buffered whatever the status, so a 404 page is replaced too.
            state = siteFile.keeps(originResponse) ? RewriteDecision.PASS_THROUGH : RewriteDecision.BUFFER;
            then.accept(state);
            return;
        }
        state = RewriteDecision.beforeBuffering(request.method(), originResponse, policy.maxImageSize(), revalidating);
        if (request.isHead() && !takeOver && (state == RewriteDecision.BUFFER || state == RewriteDecision.PEEK)) {
            // A HEAD the origin answered itself has no body to sniff or rewrite.
            state = RewriteDecision.PASS_THROUGH;
        }
        if (state == RewriteDecision.BYPASS_TOO_LARGE) {
            tooLarge(originResponse.contentLength());
        }
        if (state == RewriteDecision.BUFFER) {
            reserve(originResponse.contentLength(), waiting, then);
            return;
        }
        answerNotModifiedIfStreaming();
        then.accept(state);
    }

    /**
     * The decision on a {@link RewriteDecision#PEEK}: the first bytes of the body, which the adapter holds before it
     * must commit to streaming. Binary image magic ({@link RewriteDecision#afterPeek}) makes the response a candidate
     * like any image (it takes its share of the in-flight budget, and the adapter goes on buffering with these bytes
     * first); anything else streams, these bytes written first. Fewer than 12 bytes (a servlet's 1-byte first write, a short first chunk
     * from the origin) may not be enough for the magic: such a body is taken for what it says it is and streams.
     * A wait for room in the budget holds this thread, as in {@link #decide(OriginResponse)}.
     *
     * @return the new state: BUFFER, PASS_THROUGH, BYPASS_BUSY, REFUSED_BUSY or NOT_MODIFIED
     */
    public RewriteDecision sniffHead(byte[] head, int length) {
        sniffHead(head, length, Waiting.HERE, decided -> { });
        return state;
    }

    /**
     * {@link #sniffHead(byte[], int)} waiting for room without a thread, as {@link #decide(OriginResponse, Consumer)}.
     */
    public void sniffHead(byte[] head, int length, Consumer<RewriteDecision> then) {
        sniffHead(head, length, Waiting.LATER, then);
    }

    private void sniffHead(byte[] head, int length, Waiting waiting, Consumer<RewriteDecision> then) {
        require(RewriteDecision.PEEK);
        state = state.afterPeek(ImageFormat.sniff(head, Math.max(0, Math.min(length, head.length))));
        if (state == RewriteDecision.BUFFER) {
            sniffedImage = true;
            reserve(origin.contentLength(), waiting, then);
            return;
        }
        answerNotModifiedIfStreaming();
        then.accept(state);
    }

    /** On image paths the client's conditionals were taken over: a streamed response still answers them. */
    private void answerNotModifiedIfStreaming() {
        if (takeOver && state.streams() && origin.status() == 200
                && Conditionals.notModified(request, origin.etag(), origin.lastModified())) {
            notModified = answerNotModified();
            state = RewriteDecision.NOT_MODIFIED;
        }
    }

    /**
     * Reserves what this body may take before a byte of it is held: the Content-Length when the origin gave one (a
     * longer body overflows and streams), else {@code max-image-size}; {@link MemoryBudget#COPIES_PER_IMAGE} times
     * that, for the rewritten copy. No room: {@code limits.on-busy} says whether to wait for some (then refuse),
     * refuse at once, or stream the original. {@code then} gets the state once that is settled.
     */
    private void reserve(long contentLength, Waiting waiting, Consumer<RewriteDecision> then) {
        long wanted = contentLength >= 0 ? Math.min(contentLength, bufferLimit) : bufferLimit;
        long bytes = wanted * MemoryBudget.COPIES_PER_IMAGE;
        OnBusy onBusy = policy.policy().limits().onBusy();
        InFlightBudget budget = pipeline.inFlight();
        Duration patience = onBusy == OnBusy.WAIT ? pipeline.busyPatience() : Duration.ZERO;
        waiting.reserve(budget, bytes, patience, granted -> {
            if (granted) {
                bufferLimit = wanted;
                reservation.set(bytes);
            } else {
                // Like the other bypasses, an unknown type gets no label: unbuffered, we cannot tell it is an image.
                boolean image = origin.declaresImage() || sniffedImage;
                state = onBusy != OnBusy.PASS ? state.refused() : image ? state.busy() : RewriteDecision.PASS_THROUGH;
                // Debug only: under the load that spends the budget, a line per request would add to it.
                LOG.debug("{}: the in-flight budget ({}) is spent: {}", request.url(), budget, state);
            }
            answerNotModifiedIfStreaming();
            then.accept(state);
        });
    }

    /** How a reservation waits for room: holding the caller's thread, or without one. */
    private enum Waiting {
        HERE {
            @Override
            void reserve(InFlightBudget budget, long bytes, Duration patience, Consumer<Boolean> granted) {
                granted.accept(budget.reserve(bytes, patience));
            }
        },
        LATER {
            @Override
            void reserve(InFlightBudget budget, long bytes, Duration patience, Consumer<Boolean> granted) {
                budget.reserveLater(bytes, patience, granted);
            }
        };

        abstract void reserve(InFlightBudget budget, long bytes, Duration patience, Consumer<Boolean> granted);
    }

    /**
     * Reserves the pixels the rewrite will decode (from the header: the engine's estimate of its working copies), on
     * top of this body's own reservation, before any decode. No room: {@code on-busy: wait} waits for some as for
     * the body, {@code reject} and {@code pass} do not; then {@link InFlightBudget.Spent} turns into 503. Never the
     * original for {@code pass}: the body is already held, so streaming it would save no memory, and it would send
     * the unprotected original, or the image without the resize or watermark the site asked for.
     *
     * @return the bytes reserved, to give back once the rewrite is done
     */
    private long reservePixels(byte[] body) {
        long pixels = pipeline.rewriter().pixelBytesNeeded(body, policy.policy());
        if (pixels <= 0) {
            return 0;
        }
        Duration patience = policy.policy().limits().onBusy() == OnBusy.WAIT ? pipeline.busyPatience() : Duration.ZERO;
        if (!pipeline.inFlight().reserveMore(pixels, reservation.get(), patience)) {
            throw new InFlightBudget.Spent(pixels, pipeline.inFlight());
        }
        return pixels;
    }

    /**
     * The answer for {@link RewriteDecision#REFUSED_BUSY}: 503 with {@code Retry-After}, never stored, nothing of
     * the origin's. The client comes back when memory is free instead of getting an unprotected original.
     */
    public HttpAnswer refusal() {
        require(RewriteDecision.REFUSED_BUSY);
        return answered(busy());
    }

    private HttpAnswer busy() {
        return HttpAnswer.plain(503, "503 Service Unavailable: busy, retry later\n",
                List.of(new Header("Retry-After", BUSY_RETRY_AFTER_SECONDS), new Header("Cache-Control", "no-store")),
                Outcome.busy(), request.isHead());
    }

    /** The 304 for {@link RewriteDecision#NOT_MODIFIED}: the origin's validators, and our labels if it is an image. */
    public HttpAnswer notModified() {
        require(RewriteDecision.NOT_MODIFIED);
        return answered(notModified);
    }

    private HttpAnswer answerNotModified() {
        List<Header> headers = new ArrayList<>();
        addIfPresent(headers, "ETag", origin.etag());
        addIfPresent(headers, "Last-Modified", origin.lastModified());
        headers.addAll(streamingSignals());
        Representation rep = new Representation(new byte[0], origin.etag(), origin.lastModified(), headers);
        return Responder.answer(request, rep, streamingOutcome());
    }

    /**
     * Headers to add to a response that streams through: for a bypassed image the signals and
     * {@code X-ImageGuard: bypass;reason=<word>}; nothing for a response that is not ours.
     */
    public List<Header> streamingHeaders() {
        Outcome outcome = streamingOutcome();
        if (outcome == null) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(streamingSignals());
        headers.add(outcome.header());
        return headers;
    }

    /** The signals of a bypassed image that streams; none for a response that is not ours or not an image. */
    private List<Header> streamingSignals() {
        return streamingOutcome() != null && (origin.declaresImage() || sniffedImage) ? policy.signals() : List.of();
    }

    /** The outcome of a response that streams through: a bypass with its reason, or null when it is not ours. */
    public Outcome streamingOutcome() {
        BypassReason reason = state.bypassReason();
        return state.streams() && reason != null ? Outcome.bypass(reason) : null;
    }

    /** The body grew past {@link #bufferLimit()}: what was buffered and the rest stream through. */
    public RewriteDecision overflow(byte[] head, int length) {
        stopBuffering(state.overflow(), head, length);
        tooLarge(-1);
        return state;
    }

    /** The servlet went asynchronous before its body was complete: stream the rest through untouched. */
    public RewriteDecision abandon(byte[] head, int length) {
        return stopBuffering(state.abandon(), head, length);
    }

    /** From BUFFER to a streaming state; whether the buffered head is an image decides the signals. */
    private RewriteDecision stopBuffering(RewriteDecision next, byte[] head, int length) {
        state = next;
        sniffedImage = ImageFormat.sniff(head, length) != ImageFormat.UNKNOWN;
        return state;
    }

    /**
     * The server took the response back (error page, redirect, reset after the decision, non-blocking output): it
     * passes through untouched from now on, and the in-flight budget this request held goes back at once.
     */
    public void handOver() {
        if (state != RewriteDecision.FINISHED) {
            outcome = outcome();
            state = RewriteDecision.HANDED_OVER;
        }
        close();
    }

    /** Whether the server owns the response ({@link #handOver}). */
    public boolean handedOver() {
        return state == RewriteDecision.HANDED_OVER;
    }

    /** The body is complete and answered: nothing more may be written. */
    public void finish() {
        outcome = outcome();
        state = RewriteDecision.FINISHED;
    }

    public boolean finished() {
        return state == RewriteDecision.FINISHED;
    }

    /**
     * What this exchange came to, for metrics and logs: the outcome of the answer it made, or the bypass of a
     * response streaming through with its label (kept once finished or handed over); null when the response is not
     * ours (passed through untouched, handed over before any label, a site file).
     */
    public Outcome outcome() {
        return outcome != null ? outcome : streamingOutcome();
    }

    private HttpAnswer answered(HttpAnswer answer) {
        outcome = answer.outcome();
        return answer;
    }

    /** The whole body of a {@link RewriteDecision#BUFFER} response: sniff, rewrite (or reuse), answer. */
    public HttpAnswer complete(byte[] body) {
        return answered(answer(body));
    }

    private HttpAnswer answer(byte[] body) {
        if (siteFile != null) {
            require(RewriteDecision.BUFFER);
            boolean ok = origin.status() == 200;
            return Responder.siteFile(siteFile.content(ok ? origin : null, ok ? body : null), request);
        }
        state = state.afterBuffering(ImageFormat.sniff(body), origin.declaresSvg());
        Optional<Denial> denial = state == RewriteDecision.NOT_IMAGE ? Optional.empty()
                : policy.access().checkImage(request);
        if (denial.isPresent()) {
            return Responder.denied(denial.get(), request.isHead());
        }
        switch (state) {
            case REWRITE:
                return rewrite(body);
            case SIGNALS_ONLY:
                return unsupported(body);
            default:
                return Responder.answer(request, original(body, false), null);
        }
    }

    /** The origin answered our revalidation with 304: the stale entry is good for another {@code fresh-for}. */
    public HttpAnswer revalidated() {
        require(RewriteDecision.REVALIDATED);
        return answered(answerRevalidated());
    }

    private HttpAnswer answerRevalidated() {
        Optional<Denial> denial = policy.access().checkImage(request);
        if (denial.isPresent()) {
            return Responder.denied(denial.get(), request.isHead());
        }
        RewriteCache.Entry entry = pipeline.cache().refresh(key, stale);
        pipeline.cache().recordHit();
        pipeline.optimizeLater(key, entry, policy);
        return Responder.stored(request, entry, policy, false);
    }

    /**
     * An image ImageGuard cannot protect: counted by format, then sent as it is with the signals, or refused with 502
     * under {@code on-unsupported: reject} (the origin's answer is one this proxy will not pass on).
     */
    private HttpAnswer unsupported(byte[] body) {
        ImageFormat format = ImageFormat.sniff(body);
        pipeline.countUnsupported(format == ImageFormat.UNKNOWN && origin.declaresSvg() ? ImageFormat.SVG : format);
        Outcome outcome = Outcome.bypass(BypassReason.UNSUPPORTED);
        if (policy.policy().limits().onUnsupported() == OnUnsupported.REJECT) {
            LOG.info("{}: {} cannot be protected; refused (limits.on-unsupported: reject)", request.url(),
                    format == ImageFormat.UNKNOWN ? origin.mediaType() : format.mediaType());
            return HttpAnswer.plain(502, "502 Bad Gateway: the image is in a format ImageGuard cannot protect\n",
                    List.of(new Header("Cache-Control", "no-store")), outcome, request.isHead());
        }
        return Responder.answer(request, original(body, true), outcome);
    }

    private HttpAnswer rewrite(byte[] body) {
        String validator = EntityTags.originValidator(origin, body);
        try {
            boolean store = CacheRules.mayStore(request, origin);
            RewriteCache.Lookup found = store
                    ? pipeline.cache().getOrCompute(key, validator, storedAt -> newEntry(body, validator, storedAt))
                    : new RewriteCache.Lookup(newEntry(body, validator, 0), true);
            if (store) {
                // Served protected now; the smaller body replaces it in the cache when it is ready.
                pipeline.optimizeLater(key, found.entry(), policy);
            }
            return Responder.stored(request, found.entry(), policy, found.computed());
        } catch (RuntimeException e) {
            if (e instanceof InFlightBudget.Spent || e.getCause() instanceof InFlightBudget.Spent) {
                LOG.debug("{}: {}", request.url(), e.getMessage());
                return busy();
            }
            if (e.getCause() instanceof Error error) {
                // Out of memory in a concurrent rewrite: no reason to hand out the original, nor to call it a bad image.
                throw error;
            }
            if (!(e instanceof RewriteCache.SharedFailure)) {
                pipeline.failures().record(request.url(), ImageFormat.sniff(body), e);
            }
            Outcome outcome = Outcome.bypass(BypassReason.ERROR);
            if (policy.policy().limits().onError() == OnError.REJECT) {
                return HttpAnswer.plain(502, "502 Bad Gateway: the image could not be processed\n",
                        List.of(new Header("Cache-Control", "no-store")), outcome, request.isHead());
            }
            return Responder.answer(request, original(body, true), outcome);
        }
    }

    private RewriteCache.Entry newEntry(byte[] body, String validator, long storedAt) {
        long pixels = reservePixels(body);
        RewriteResult result;
        try {
            result = pipeline.limiter().run(policy.policy(),
                    () -> pipeline.rewriter().rewrite(body, policy, key.variant()));
        } finally {
            pipeline.inFlight().release(pixels);
        }
        if (result == null) {
            throw new IllegalStateException("the rewriter returned no result");
        }
        List<Header> headers = new ArrayList<>();
        String etag = EntityTags.derive(validator, policy.fingerprint(), key.variant());
        headers.add(new Header("Content-Type", contentType(ImageFormat.sniff(body), ImageFormat.sniff(result.bytes()))));
        headers.add(new Header("ETag", etag));
        addIfPresent(headers, "Last-Modified", origin.lastModified());
        // Cache-Control, Vary and the signals follow the policy in force when each response is made (imageHeaders).
        Representation rep = new Representation(result.bytes(), etag, origin.lastModified(), headers);
        long lifetime = CacheRules.lifetimeNanos(origin, pipeline.cache().freshFor().toNanos());
        return new RewriteCache.Entry(validator, origin.etag(), origin.lastModified(), origin.cacheControl(),
                origin.vary(), rep, result.report(), storedAt, lifetime);
    }

    /**
     * The origin's image type unless the format changed (WebP); the sniffed format's own type when the origin named
     * none or a wrong one (a JPEG sent as {@code text/plain} goes out as {@code image/jpeg}).
     */
    private String contentType(ImageFormat in, ImageFormat out) {
        if (out != in && out != ImageFormat.UNKNOWN) {
            return out.mediaType();
        }
        return origin.declaresImage() ? origin.contentType() : in.mediaType();
    }

    /** The origin's bytes as they came; its own validators answer the conditionals we took over. */
    private Representation original(byte[] body, boolean signals) {
        return new Representation(body, origin.etag(), origin.lastModified(),
                signals ? policy.signals() : List.of());
    }

    private void tooLarge(long length) {
        pipeline.countTooLarge();
        long left = pipeline.notices().admit(request.url() + " too-large");
        if (left >= 0) {
            LOG.info("{} is larger than max-image-size ({} bytes{}): streamed through untouched{}", request.url(),
                    policy.maxImageSize(), length >= 0 ? ", Content-Length " + length : "",
                    pipeline.notices().leftOut(left));
        }
    }

    private static void addIfPresent(List<Header> headers, String name, String value) {
        if (!value.isBlank()) {
            headers.add(new Header(name, value));
        }
    }

    private void require(RewriteDecision expected) {
        if (state != expected) {
            throw new IllegalStateException("expected state " + expected + ", found " + state);
        }
    }
}
