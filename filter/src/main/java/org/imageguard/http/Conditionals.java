package org.imageguard.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * RFC 9110 §13 preconditions for GET and HEAD, evaluated against the representation we serve (never the origin's).
 * {@code If-Modified-Since} is only consulted without {@code If-None-Match}, as §13.1.3 requires; an unparsable date
 * is ignored, because the full response is always a correct answer.
 *
 * <pre>{@code
 * if (Conditionals.notModified(request, etag, lastModified)) { ...304... }
 * }</pre>
 */
public final class Conditionals {

    private Conditionals() {
    }

    public static boolean notModified(RequestFacts request, String etag, String lastModified) {
        if (!request.ifNoneMatch().isBlank()) {
            return EntityTags.noneMatchHits(request.ifNoneMatch(), etag);
        }
        if (request.ifModifiedSince().isBlank() || lastModified.isBlank()) {
            return false;
        }
        Optional<ZonedDateTime> since = httpDate(request.ifModifiedSince());
        Optional<ZonedDateTime> modified = httpDate(lastModified);
        return since.isPresent() && modified.isPresent() && !modified.get().isAfter(since.get());
    }

    /**
     * {@code If-Range}: true when the Range may be honoured (no If-Range, or it names the current representation by
     * its strong ETag or its exact Last-Modified date).
     */
    public static boolean rangeAllowed(RequestFacts request, String etag, String lastModified) {
        String ifRange = request.ifRange();
        if (ifRange.isBlank()) {
            return true;
        }
        if (EntityTags.isEntityTag(ifRange)) {
            return EntityTags.strongMatch(ifRange, etag);
        }
        Optional<ZonedDateTime> date = httpDate(ifRange);
        Optional<ZonedDateTime> modified = httpDate(lastModified);
        return date.isPresent() && modified.isPresent() && date.get().isEqual(modified.get());
    }

    static Optional<ZonedDateTime> httpDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
