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
        List<Header> headers = new ArrayList<>(rep.headers());
        headers.addAll(current);
        if (outcome != null) {
            headers.add(outcome.header());
        }
        boolean head = request.isHead();
        byte[] body = rep.body();
        if (Conditionals.notModified(request, rep.etag(), rep.lastModified())) {
            return new HttpAnswer(304, headers, List.of("Content-Length", "Content-Type", "Content-Range"), body, 0,
                    0, false, outcome);
        }
        headers.add(new Header("Accept-Ranges", "bytes"));
        ByteRanges.Outcome range = head || !Conditionals.rangeAllowed(request, rep.etag(), rep.lastModified())
                ? new ByteRanges.Whole()
                : ByteRanges.parse(request.range(), body.length);
        if (range instanceof ByteRanges.Partial part) {
            headers.add(new Header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + body.length));
            headers.add(new Header("Content-Length", Long.toString(part.length())));
            return new HttpAnswer(206, headers, List.of(), body, (int) part.first(), (int) part.length(), !head,
                    outcome);
        }
        if (range instanceof ByteRanges.Unsatisfiable) {
            headers.add(new Header("Content-Range", "bytes */" + body.length));
            headers.add(new Header("Content-Length", "0"));
            return new HttpAnswer(416, headers, List.of(), body, 0, 0, false, outcome);
        }
        headers.add(new Header("Content-Length", Integer.toString(body.length)));
        return new HttpAnswer(200, headers, List.of("Content-Range"), body, 0, body.length, !head, outcome);
    }
}
