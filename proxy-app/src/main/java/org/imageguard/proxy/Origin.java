package org.imageguard.proxy;

import org.eclipse.jetty.server.Request;

/**
 * Where the proxy gets what it serves: an upstream server, a directory, or the built-in demo. An origin answers
 * like an HTTP server would (404, 304, 405 included); only a failure to reach it is an {@link OriginException}.
 */
interface Origin {

    /** The origin's answer; the caller closes it. {@code request} is there for its body and connection facts. */
    OriginResponse fetch(Request request, RequestFacts facts) throws OriginException;

    /** How the start-up line names this origin, e.g. {@code http://127.0.0.1:8000} or {@code demo}. */
    String describe();
}
