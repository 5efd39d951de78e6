package org.imageguard.policy.hotlink;

/** Why a request was allowed or denied; {@link #word()} goes into {@code X-ImageGuard} and the metrics. */
public enum HotlinkReason {
    /** Hotlink protection is off. */
    DISABLED,
    /** The path matches an {@code exempt-paths} glob. */
    EXEMPT_PATH,
    /** The request is for the {@code redirect-to} target itself (else a redirect would loop). */
    REDIRECT_TARGET,
    /** The Referer host is the request's own Host. */
    OWN_HOST,
    /** The Referer matches an {@code allow} entry. */
    ALLOWED_REFERER,
    /** The Referer is a search engine's result page and {@code allow-search-engines} is on. */
    SEARCH_ENGINE,
    /** No Referer, and Fetch Metadata says the page is same-origin or same-site. */
    SAME_SITE,
    /** No Referer header. */
    NO_REFERER,
    /** A Referer that is not a URL (stripped by a firewall or proxy). */
    BLOCKED_REFERER,
    /** {@code Sec-Fetch-Site: cross-site} with any {@code Sec-Fetch-Dest} but {@code document}; no usable Referer. */
    CROSS_SITE_EMBED,
    /** A mangled URL as Referer: {@code //host}, percent-encoded or empty host. */
    BAD_REFERER,
    /** A Referer from a site that is not allowed. */
    FOREIGN_REFERER;

    /** The reason as one lower-case word, e.g. {@code foreign-referer}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
