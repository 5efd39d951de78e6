package org.imageguard.filter;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.imageguard.http.Header;
import org.imageguard.http.HttpAnswer;
import org.imageguard.http.RequestFacts;

/** The two crossings between the servlet API and the pipeline: requests in, answers out. */
final class Answers {

    private Answers() {
    }

    /** The facts the pipeline reads, with repeated headers joined by commas as RFC 9110 §5.3 allows. */
    static RequestFacts factsOf(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : RequestFacts.HEADERS) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                // An empty value is kept: a blanked Referer is not a missing one.
                headers.put(name, String.join(", ", values));
            }
        }
        String path = orEmpty(request.getServletPath()) + orEmpty(request.getPathInfo());
        return new RequestFacts(request.getMethod(), path.isEmpty() ? "/" : path, request.getQueryString(),
                request.getHeader("Host"), headers);
    }

    /** Copies an answer onto a response that is not committed yet. */
    static void write(HttpAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        for (String name : answer.removedHeaders()) {
            if (name.toLowerCase(Locale.ROOT).equals("content-type")) {
                response.setContentType(null);
            } else {
                response.setHeader(name, null);
            }
        }
        for (Header header : answer.headers()) {
            switch (header.name().toLowerCase(Locale.ROOT)) {
                case "content-type" -> response.setContentType(header.value());
                case "content-length" -> response.setContentLengthLong(Long.parseLong(header.value()));
                default -> response.setHeader(header.name(), header.value());
            }
        }
        if (answer.sendBody() && answer.length() > 0) {
            response.getOutputStream().write(answer.body(), answer.offset(), answer.length());
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
