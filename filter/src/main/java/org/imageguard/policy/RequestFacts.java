package org.imageguard.policy;

/**
 * The facts of one request that the request policies look at, copied out of whatever HTTP API carries them. A
 * {@code null} header means the request did not send it; an empty string means it sent an empty value.
 *
 * <pre>{@code
 * RequestFacts facts = new RequestFacts("/img/cat.jpg", "example.com:8080", "https://blog.test/post",
 *         "cross-site", "image", "Mozilla/5.0 ...");
 * HotlinkDecision decision = hotlinkPolicy.decide(facts);
 * }</pre>
 *
 * @param path         the decoded, normalized request path (servlet path plus path info), starting with {@code /}
 * @param host         the {@code Host} header (may carry a port)
 * @param referer      the {@code Referer} header
 * @param secFetchSite the {@code Sec-Fetch-Site} header
 * @param secFetchDest the {@code Sec-Fetch-Dest} header
 * @param userAgent    the {@code User-Agent} header
 */
public record RequestFacts(String path, String host, String referer, String secFetchSite, String secFetchDest,
                           String userAgent) {

    public RequestFacts {
        if (path == null || path.isEmpty()) {
            path = "/";
        }
    }
}
