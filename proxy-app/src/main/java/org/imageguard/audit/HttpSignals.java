package org.imageguard.audit;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a URL's response says about AI use, apart from the image itself: the status, the redirects followed, the
 * signal headers and how a training crawler is answered.
 *
 * <pre>{@code
 * HttpSignals http = probe.fetch(URI.create("https://example.com/a.jpg")).signals();
 * http.headers().get("X-Robots-Tag");   // "noai, noimageai", or null when absent
 * http.crawler().refused();             // true when GPTBot gets 401, 403 or 451
 * }</pre>
 *
 * @param url       the URL the body came from (after redirects)
 * @param headers   each of {@link #HEADERS}, in that order; null when the response did not carry it
 * @param redirects the redirects followed, in order (at most {@link UrlProbe#MAX_REDIRECTS})
 */
public record HttpSignals(URI url, int status, List<Redirect> redirects, Map<String, String> headers,
                          CrawlerCheck crawler) {

    /** The response headers reported, with the names they are reported under. */
    public static final List<String> HEADERS = List.of("Content-Type", "X-Robots-Tag", "tdm-reservation",
            "tdm-policy", "Content-Usage", "Cache-Control", "X-ImageGuard");

    public HttpSignals {
        Objects.requireNonNull(url, "url");
        redirects = List.copyOf(redirects);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(crawler, "crawler");
    }

    /** One redirect: its status and where it pointed (resolved against the URL that answered it). */
    public record Redirect(int status, URI location) {
    }

    /**
     * The answer to a second request as a training crawler.
     *
     * @param status 0 when the request failed, with {@code error} saying why
     */
    public record CrawlerCheck(String userAgent, int status, String error) {

        /** Statuses that refuse the crawler. A redirect or a placeholder image is not a refusal. */
        public boolean refused() {
            return status == 401 || status == 403 || status == 451;
        }
    }
}
