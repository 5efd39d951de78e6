package org.imageguard.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletOutputStream;
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
        // The servlet behind us gets the request URI as sent (path parameters, escapes): the cache keys on that.
        return new RequestFacts(request.getMethod(), path.isEmpty() ? "/" : path, request.getRequestURI(),
                request.getQueryString(), request.getHeader("Host"), headers);
    }

    /** Copies an answer onto a response that is not committed yet. */
    static void write(HttpAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        remove(answer.removedHeaders(), response);
        for (Header header : answer.headers()) {
            switch (header.name().toLowerCase(Locale.ROOT)) {
                case "content-type" -> response.setContentType(header.value());
                case "content-length" -> response.setContentLengthLong(Long.parseLong(header.value()));
                default -> response.setHeader(header.name(), header.value());
            }
        }
        if (answer.sendBody() && answer.length() > 0) {
            ServletOutputStream out = response.getOutputStream();
            int end = answer.offset() + answer.length();
            for (int at = answer.offset(); at < end; at += HttpAnswer.WRITE_SLICE) {
                out.write(answer.body(), at, Math.min(HttpAnswer.WRITE_SLICE, end - at));
            }
        }
    }

    /**
     * {@code setHeader(name, null)} removes a header on Jetty and Tomcat 11 (Servlet 6.1) but is ignored by Tomcat
     * 10.1 and older containers. Where a header survives it, the only portable removal is {@code reset()} and putting
     * back everything else.
     */
    static void remove(List<String> names, HttpServletResponse response) {
        for (String name : names) {
            if (isContentType(name)) {
                response.setContentType(null);
            } else {
                response.setHeader(name, null);
            }
        }
        List<String> stuck = names.stream().filter(name -> !isContentType(name) && response.containsHeader(name))
                .toList();
        if (!stuck.isEmpty()) {
            resetWithout(stuck, response);
        }
    }

    private static void resetWithout(List<String> names, HttpServletResponse response) {
        Set<String> dropped = new HashSet<>();
        names.forEach(name -> dropped.add(name.toLowerCase(Locale.ROOT)));
        int status = response.getStatus();
        String contentType = response.getContentType();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : new ArrayList<>(response.getHeaderNames())) {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT)) && !isContentType(name)) {
                kept.put(name, new ArrayList<>(response.getHeaders(name)));
            }
        }
        response.reset();
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        kept.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }

    private static boolean isContentType(String name) {
        return name.equalsIgnoreCase("content-type");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
