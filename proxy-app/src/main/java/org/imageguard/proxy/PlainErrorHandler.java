package org.imageguard.proxy;

import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The page Jetty sends when a request fails outside the proxy's own answers (a bad request line, a failure that
 * escaped a handler): the status and its reason phrase in plain text, never the exception's message (Jetty's default
 * page shows {@code java.lang.OutOfMemoryError: Java heap space} to the client), never stored. An OutOfMemoryError
 * that got this far is recorded, so {@code /healthz} turns unhealthy.
 */
final class PlainErrorHandler extends ErrorHandler {

    private final OutOfMemory outOfMemory;

    PlainErrorHandler(OutOfMemory outOfMemory) {
        this.outOfMemory = outOfMemory;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        outOfMemory.recordIfCausedBy(cause);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String reason = HttpStatus.getMessage(code);
        org.eclipse.jetty.io.Content.Sink.write(response, true, code + " " + (reason == null ? "" : reason) + "\n",
                callback);
    }
}
