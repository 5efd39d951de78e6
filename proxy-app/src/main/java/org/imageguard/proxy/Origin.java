package org.imageguard.proxy;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;

/**
 * Where the proxy gets what it serves: an upstream server, a directory, or the built-in demo. An origin answers
 * like an HTTP server would (404, 304, 405 included); only a failure to reach it is an {@link OriginException}.
 */
interface Origin {

    /**
     * Asks the origin, and completes {@code reply} with its answer once the status and headers are known (the body
     * is read from the reply as it comes), or fails it with an {@link OriginException}; the caller closes the reply.
     * {@code reply} completes on a thread of the server's pool, which may be this one, never on a thread that must
     * not wait. The pipeline may change the method (HEAD asked as GET) and the headers (conditionals it answers
     * itself, its own validators); {@code request} gives the raw path and query, the body and the connection facts.
     */
    void fetch(Request request, String method, HttpFields headers, Promise<OriginReply> reply);

    /** How the start-up line names this origin, e.g. {@code http://127.0.0.1:8000} or {@code demo}. */
    String describe();
}
