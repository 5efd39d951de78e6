package org.imageguard.proxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The client's request body as the upstream request's content: chunks flow from one to the other without being
 * buffered, with the client's demand driving the reads.
 */
final class RequestBody implements org.eclipse.jetty.client.Request.Content {

    private final Request request;

    RequestBody(Request request) {
        this.request = request;
    }

    /** Whether the client sent a body at all (a length, or chunked encoding). */
    static boolean present(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    @Override
    public long getLength() {
        return request.getLength();
    }

    @Override
    public String getContentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    @Override
    public Content.Chunk read() {
        return request.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
        request.demand(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
        request.fail(failure);
    }

    @Override
    public boolean rewind() {
        return request.rewind();
    }
}
