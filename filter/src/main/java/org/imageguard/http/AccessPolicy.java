package org.imageguard.http;

import java.util.Optional;

/**
 * The request policy that may refuse a request before the cache is consulted (hotlink protection, AI crawler
 * blocking): a Referer check after the cache would serve cached images to hotlinkers.
 *
 * <pre>{@code
 * AccessPolicy policy = request -> request.userAgent().contains("GPTBot")
 *         ? Optional.of(Denial.forbidden("ai-crawler")) : Optional.empty();
 * }</pre>
 */
@FunctionalInterface
public interface AccessPolicy {

    /** Lets every request through; the default until the hotlink and crawler policies are wired in. */
    AccessPolicy ALLOW_ALL = request -> Optional.empty();

    Optional<Denial> check(RequestFacts request);
}
