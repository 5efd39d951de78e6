package org.imageguard.proxy;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * Where the proxy gets what it serves: an upstream server, a directory, or the built-in demo. An origin answers
 * like an HTTP server would (404, 304, 405 included); only a failure to reach it is an {@link OriginException}.
 */
interface Origin {

    /**
     * The origin's answer; the caller closes it. The pipeline may change the method (HEAD asked as GET) and the
     * headers (conditionals it answers itself, its own validators); {@code request} gives the raw path and query,
     * the body and the connection facts.
     */
    OriginReply fetch(Request request, String method, HttpFields headers) throws OriginException;

    /** How the start-up line names this origin, e.g. {@code http://127.0.0.1:8000} or {@code demo}. */
    String describe();
}
