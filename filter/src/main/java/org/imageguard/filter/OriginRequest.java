package org.imageguard.filter;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.imageguard.http.Exchange;

/**
 * The request as the servlet behind the filter sees it: HEAD turned into GET and the conditional and Range headers
 * removed for image paths (so it answers with the whole original), plus our own validator when revalidating a stale
 * cache entry.
 */
final class OriginRequest extends HttpServletRequestWrapper {

    private final String method;
    private final Set<String> removed;
    private final Map<String, String> added;

    OriginRequest(HttpServletRequest request, Exchange exchange) {
        super(request);
        this.method = exchange.forwardMethod();
        this.removed = exchange.removedRequestHeaders();
        this.added = exchange.addedRequestHeaders();
    }

    /** Whether this wrapper changes anything at all; if not, the original request is passed down. */
    static boolean changes(HttpServletRequest request, Exchange exchange) {
        if (!exchange.forwardMethod().equals(request.getMethod()) || !exchange.addedRequestHeaders().isEmpty()) {
            return true;
        }
        for (String name : exchange.removedRequestHeaders()) {
            if (request.getHeader(name) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getHeader(String name) {
        String ours = addedValue(name);
        if (ours != null) {
            return ours;
        }
        return isRemoved(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String ours = addedValue(name);
        if (ours != null) {
            return Collections.enumeration(Set.of(ours));
        }
        return isRemoved(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : Collections.list(super.getHeaderNames())) {
            if (!isRemoved(name)) {
                names.add(name);
            }
        }
        names.addAll(added.keySet());
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        String ours = addedValue(name);
        if (ours == null) {
            return isRemoved(name) ? -1 : super.getDateHeader(name);
        }
        try {
            return ZonedDateTime.parse(ours, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an HTTP date in " + name + ": " + ours, e);
        }
    }

    @Override
    public int getIntHeader(String name) {
        String ours = addedValue(name);
        if (ours == null) {
            return isRemoved(name) ? -1 : super.getIntHeader(name);
        }
        return Integer.parseInt(ours.trim());
    }

    private boolean isRemoved(String name) {
        return removed.contains(name.toLowerCase(Locale.ROOT)) && addedValue(name) == null;
    }

    private String addedValue(String name) {
        for (Map.Entry<String, String> e : added.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
