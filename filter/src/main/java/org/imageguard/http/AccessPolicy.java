package org.imageguard.http;

import java.util.Optional;

/**
 * The request policy that may refuse a request before the cache is consulted (hotlink protection, AI crawler
 * blocking): a Referer check after the cache would serve cached images to hotlinkers.
 *
 * <pre>{@code
 * AccessPolicy policy = request -> request.userAgent().contains("GPTBot")
 *         ? Optional.of(Denial.forbidden("crawler")) : Optional.empty();
 * }</pre>
 *
 * Each {@link CompiledPolicy} carries the one of its policy; the configured ones come from
 * {@code org.imageguard.policy.SiteAccess#rulesFor} (crawlers, then hotlink).
 */
@FunctionalInterface
public interface AccessPolicy {

    /** Lets every request through: the builder's default, for tests and embedders without request policies. */
    AccessPolicy ALLOW_ALL = request -> Optional.empty();

    /** Asked for every request before anything else: a denial here is final. */
    Optional<Denial> check(RequestFacts request);

    /**
     * Asked again once a request that {@link #check} let through turns out to be for an image (a cache hit, or a
     * body sniffed as one) although its path did not say so, e.g. {@code /image?id=3}: hotlink protection for images
     * served by scripts. Never cached either way.
     */
    default Optional<Denial> checkImage(RequestFacts request) {
        return Optional.empty();
    }
}
