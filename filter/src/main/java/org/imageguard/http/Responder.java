package org.imageguard.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a representation and a request into the answer: 304 for a matching precondition, 206/416 for a Range, 200
 * otherwise; HEAD gets GET's headers without the body. Ranges are always cut from the representation we serve, never
 * from the origin's bytes.
 *
 * <pre>{@code
 * HttpAnswer answer = Responder.answer(request, entry.representation(), Outcome.hit(Stage.PROTECTED));
 * }</pre>
 */
public final class Responder {

    private static final Header ACCEPT_RANGES = new Header("Accept-Ranges", "bytes");
    private static final List<String> NOT_MODIFIED_REMOVES = List.of("Content-Length", "Content-Type",
            "Content-Range");
    private static final List<String> WHOLE_REMOVES = List.of("Content-Range");

    private Responder() {
    }

    /**
     * @param outcome rendered as {@code X-ImageGuard}, or null for a response that is not ours and gets no label
     */
    public static HttpAnswer answer(RequestFacts request, Representation rep, Outcome outcome) {
        return answer(request, rep, List.of(), outcome);
    }

    /**
     * @param current headers that come from the policy in force rather than from the stored representation (signals,
     *                Cache-Control, Vary), so a reload applies to cached bodies at once
     * @param outcome rendered as {@code X-ImageGuard}, or null for a response that is not ours and gets no label
     */
    public static HttpAnswer answer(RequestFacts request, Representation rep, List<Header> current, Outcome outcome) {
        boolean head = request.isHead();
        int size = rep.length();
        if (Conditionals.notModified(request, rep.etag(), rep.lastModified())) {
            return HttpAnswer.of(304, labelled(rep, current, outcome), NOT_MODIFIED_REMOVES, rep, 0, 0, false,
                    outcome);
        }
        ByteRanges.Outcome range = head || !Conditionals.rangeAllowed(request, rep.etag(), rep.lastModified())
                ? ByteRanges.parse(null, size)
                : ByteRanges.parse(request.range(), size);
        if (range instanceof ByteRanges.Partial part) {
            List<Header> headers = labelled(rep, current, outcome);
            headers.add(ACCEPT_RANGES);
            headers.add(new Header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size));
            headers.add(new Header("Content-Length", Long.toString(part.length())));
            return HttpAnswer.of(206, headers, List.of(), rep, (int) part.first(), (int) part.length(), !head,
                    outcome);
        }
        if (range instanceof ByteRanges.Unsatisfiable) {
            List<Header> headers = labelled(rep, current, outcome);
            headers.add(ACCEPT_RANGES);
            headers.add(new Header("Content-Range", "bytes */" + size));
            headers.add(new Header("Content-Length", "0"));
            return HttpAnswer.of(416, headers, List.of(), rep, 0, 0, false, outcome);
        }
        // The common case, every plain hit: one header block kept with the representation.
        return HttpAnswer.of(200, rep.wholeAnswerHeaders(current, outcome), WHOLE_REMOVES, rep, 0, size, !head,
                outcome);
    }

    /** The representation's headers, the policy's, and the outcome: what every answer of it starts with. */
    private static List<Header> labelled(Representation rep, List<Header> current, Outcome outcome) {
        List<Header> headers = new ArrayList<>(rep.headers().size() + current.size() + 4);
        headers.addAll(rep.headers());
        headers.addAll(current);
        if (outcome != null) {
            headers.add(outcome.header());
        }
        return headers;
    }

    /** A rewrite served: its stored bytes and validators, and the headers of the policy in force now. */
    static HttpAnswer stored(RequestFacts request, RewriteCache.Entry entry, CompiledPolicy policy, boolean computed) {
        return answer(request, entry.representation(),
                policy.imageHeaders(entry.originCacheControl(), entry.originVary()), outcome(entry, computed));
    }

    /**
     * {@code hit} or {@code miss} with the stage of the body ({@code miss;stage=protected},
     * {@code hit;stage=optimized}), or the engine's reason for leaving the image as it was.
     */
    private static Outcome outcome(RewriteCache.Entry entry, boolean computed) {
        if (!entry.report().rewritten()) {
            return Outcome.bypass(BypassReason.ofEngineOutcome(entry.report().outcome()));
        }
        return computed ? Outcome.miss(entry.stage()) : Outcome.hit(entry.stage());
    }

    /**
     * A refusal: never stored, by us or anyone ({@code private, no-store}), labelled with its reason, and stripped of
     * any validator or signal the origin may already have set.
     */
    static HttpAnswer denied(Denial denial, boolean head) {
        List<Header> headers = new ArrayList<>(denial.headers());
        headers.add(new Header("Cache-Control", "private, no-store"));
        Outcome outcome = Outcome.bypass(denial.reason());
        headers.add(outcome.header());
        headers.add(new Header("Content-Length", Integer.toString(denial.body().length)));
        return new HttpAnswer(denial.status(), headers, List.of("ETag", "Last-Modified", "Content-Encoding",
                "Content-Range", "Vary"), denial.body(), 0, denial.body().length, !head, outcome);
    }

    /** One of our site files, with status 200; not cached by us (it is built per request from the origin's). */
    static HttpAnswer siteFile(SiteFile.Content content, RequestFacts request) {
        return HttpAnswer.whole(200, content.contentType(), content.body(), List.of(), null, request.isHead());
    }
}
