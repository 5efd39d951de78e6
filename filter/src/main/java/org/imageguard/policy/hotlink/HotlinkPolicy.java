package org.imageguard.policy.hotlink;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imageguard.config.Glob;
import org.imageguard.config.HostName;
import org.imageguard.config.HostPattern;
import org.imageguard.config.HotlinkSettings;
import org.imageguard.http.RequestFacts;

/**
 * Decides whether a request may embed an image, from {@link HotlinkSettings} compiled once at start-up.
 *
 * <pre>{@code
 * HotlinkPolicy policy = new HotlinkPolicy(settings);   // once
 * HotlinkDecision d = policy.decide(facts);             // per request, before the cache lookup
 * }</pre>
 *
 * The order of the checks, first hit wins:
 * <ol>
 *   <li>disabled, an exempt path, or the redirect target itself: allowed;</li>
 *   <li>a Referer URL: allowed when its host is the request's own Host (ports ignored), matches an {@code allow}
 *       entry, or is a search engine (with {@code allow-search-engines}); otherwise denied;</li>
 *   <li>a mangled URL as Referer ({@link Referer.Invalid}): denied;</li>
 *   <li>no Referer or a blocked one: denied when Fetch Metadata says {@code cross-site} with any destination but a
 *       top-level {@code document} ({@code image}, {@code iframe}, {@code object}, {@code embed}, {@code empty}...:
 *       another site embedding the image from a page with {@code referrerpolicy="no-referrer"}); allowed when it
 *       says {@code same-origin}/{@code same-site}; otherwise as {@code allow-empty-referer} says.</li>
 * </ol>
 */
public final class HotlinkPolicy {

    private final HotlinkSettings settings;
    private final List<Glob> exemptPaths;
    private final List<HostPattern> allow;
    private final String redirectPath;  // the redirect target's path when it is on this site, else null
    private final String redirectHost;  // its host when redirect-to is an absolute URL, else null (= any Host)
    private final Map<HotlinkReason, HotlinkDecision> allowed = new EnumMap<>(HotlinkReason.class);
    private final Map<HotlinkReason, HotlinkDecision> denied = new EnumMap<>(HotlinkReason.class);

    /**
     * @throws IllegalArgumentException naming the entry when an {@code allow} or {@code exempt-paths} entry is invalid
     */
    public HotlinkPolicy(HotlinkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.exemptPaths = settings.exemptPaths().stream().map(Glob::compile).toList();
        this.allow = settings.allow().stream().map(HotlinkPolicy::allowEntry).toList();
        Referer target = Referer.parse(settings.redirectTo());
        this.redirectPath = target instanceof Referer.Url url ? url.path() : localPath(settings.redirectTo());
        this.redirectHost = target instanceof Referer.Url url ? url.host() : null;
        for (HotlinkReason reason : HotlinkReason.values()) {
            allowed.put(reason, new HotlinkDecision(true, reason));
            denied.put(reason, new HotlinkDecision(false, reason));
        }
    }

    /** Decides one request. */
    public HotlinkDecision decide(RequestFacts request) {
        if (!settings.enabled()) {
            return allowed.get(HotlinkReason.DISABLED);
        }
        if (isRedirectTarget(request)) {
            return allowed.get(HotlinkReason.REDIRECT_TARGET);
        }
        if (isExempt(request.path())) {
            return allowed.get(HotlinkReason.EXEMPT_PATH);
        }
        Referer referer = Referer.parse(request.headerIfSent("referer").orElse(null));
        if (referer instanceof Referer.Url url) {
            return decideUrl(url, request.host());
        }
        if (referer instanceof Referer.Invalid) {
            return denied.get(HotlinkReason.BAD_REFERER);
        }
        return decideWithoutUrl(referer, request);
    }

    private boolean isRedirectTarget(RequestFacts request) {
        return request.path().equals(redirectPath) && (redirectHost == null || isOwnHost(redirectHost, request.host()));
    }

    private static boolean isOwnHost(String host, String hostHeader) {
        return HostName.fromAuthority(hostHeader).filter(host::equals).isPresent();
    }

    private boolean isExempt(String path) {
        for (Glob glob : exemptPaths) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private HotlinkDecision decideUrl(Referer.Url url, String hostHeader) {
        if (isOwnHost(url.host(), hostHeader)) {
            return allowed.get(HotlinkReason.OWN_HOST);
        }
        for (HostPattern pattern : allow) {
            if (pattern.matches(url.host(), url.path())) {
                return allowed.get(HotlinkReason.ALLOWED_REFERER);
            }
        }
        if (settings.allowSearchEngines() && SearchEngines.contains(url.host())) {
            return allowed.get(HotlinkReason.SEARCH_ENGINE);
        }
        return denied.get(HotlinkReason.FOREIGN_REFERER);
    }

    private HotlinkDecision decideWithoutUrl(Referer referer, RequestFacts request) {
        String site = request.secFetchSite();
        if ("cross-site".equalsIgnoreCase(site) && isEmbedding(request.secFetchDest())) {
            return denied.get(HotlinkReason.CROSS_SITE_EMBED);
        }
        if ("same-origin".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            return allowed.get(HotlinkReason.SAME_SITE);
        }
        HotlinkReason reason = referer instanceof Referer.None ? HotlinkReason.NO_REFERER
                : HotlinkReason.BLOCKED_REFERER;
        return (settings.allowEmptyReferer() ? allowed : denied).get(reason);
    }

    /**
     * Every destination but a top-level page is another site using the image inside its own: {@code image} (img,
     * CSS), {@code iframe}, {@code object}, {@code embed}, {@code empty} (fetch, XHR), {@code video}... A cross-site
     * {@code document} is a visitor following a link, which may arrive without a Referer. An absent or empty
     * {@code Sec-Fetch-Dest} beside {@code Sec-Fetch-Site: cross-site} is no navigation either.
     */
    private static boolean isEmbedding(String dest) {
        return !"document".equalsIgnoreCase(dest.trim());
    }

    private static HostPattern allowEntry(String entry) {
        try {
            return HostPattern.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hotlink allow entry \"" + entry + "\": " + e.getMessage(), e);
        }
    }

    // A redirect to an image on this site would be denied again (same Referer) and loop; exempt that one path.
    private static String localPath(String redirectTo) {
        if (!redirectTo.startsWith("/") || redirectTo.startsWith("//")) {
            return null;
        }
        int query = redirectTo.indexOf('?');
        return query < 0 ? redirectTo : redirectTo.substring(0, query);
    }

    @Override
    public String toString() {
        return "HotlinkPolicy{enabled=" + settings.enabled() + ", allow=" + allow + ", allowEmptyReferer="
                + settings.allowEmptyReferer() + ", allowSearchEngines=" + settings.allowSearchEngines()
                + ", exemptPaths=" + exemptPaths + ", action=" + settings.action().yamlName()
                + (settings.redirectTo().isEmpty() ? "" : ", redirectTo=" + settings.redirectTo()) + "}";
    }
}
