package org.imageguard.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.imageguard.config.HeaderSettings;
import org.imageguard.config.Policy;
import org.imageguard.config.PolicyFingerprint;
import org.imageguard.engine.PreparedPolicy;

/**
 * One configured policy compiled for serving, once per {@code paths:} rule when the configuration is loaded: its
 * fingerprint (cache key and ETag), the signal headers and the rules for {@code Cache-Control} and {@code Vary}, the
 * access rules of that policy (AI crawlers, hotlinks, with their denial answers), and the engine's
 * {@link PreparedPolicy} (XMP composer, whether pixels are touched). The pipeline resolves the request path to one
 * of these once and hands it to the access checks, the {@link Exchange} and the rewriter; nothing per request
 * hashes or rebuilds a policy.
 *
 * <pre>{@code
 * CompiledPolicy cp = CompiledPolicy.of(Policy.DEFAULTS);
 * cp.signals();                        // X-Robots-Tag: noai, noimageai; tdm-reservation: 1; Content-Usage: train-ai=n
 * cp.cacheControl("max-age=60");       // "max-age=60, no-transform"
 * }</pre>
 */
public final class CompiledPolicy {

    /** Distinct origin Cache-Control/Vary pairs whose image headers are kept ready; others are made per response. */
    private static final int MADE_AHEAD = 256;

    private record OriginHeaders(String cacheControl, String vary) {
    }

    private final Policy policy;
    private final String fingerprint;
    private final List<Header> signals;
    private final boolean noTransform;
    private final boolean negotiatesWebp;
    private final long maxImageSize;
    private final AccessPolicy access;
    private final PreparedPolicy engine;
    /** A hit only copies: origins send few distinct Cache-Control and Vary values. */
    private final ConcurrentMap<OriginHeaders, List<Header>> imageHeaders = new ConcurrentHashMap<>();
    /** The last pair asked for, found without building a key. */
    private volatile ImageHeaders lastImageHeaders;

    private record ImageHeaders(OriginHeaders origin, List<Header> headers) {
    }

    private CompiledPolicy(Policy policy, String fingerprint, AccessPolicy access) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.access = Objects.requireNonNull(access, "access");
        this.signals = List.copyOf(signalsOf(policy));
        this.noTransform = policy.protection().headers().noTransform();
        this.negotiatesWebp = policy.optimize().webp();
        this.maxImageSize = policy.limits().maxImageSize().bytes();
        this.engine = PreparedPolicy.of(policy);
    }

    /**
     * @param fingerprint the policy's {@link PolicyFingerprint} (the path resolver computes it with the rule)
     * @param access      the crawler and hotlink rules of this policy
     */
    public static CompiledPolicy of(Policy policy, String fingerprint, AccessPolicy access) {
        return new CompiledPolicy(policy, fingerprint, access);
    }

    /** A policy without request rules (every request allowed), for embedders and tests. */
    public static CompiledPolicy of(Policy policy) {
        return of(policy, PolicyFingerprint.of(policy), AccessPolicy.ALLOW_ALL);
    }

    public Policy policy() {
        return policy;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The crawler and hotlink rules of this policy. */
    public AccessPolicy access() {
        return access;
    }

    /** What the engine derives from this policy, derived once. */
    public PreparedPolicy engine() {
        return engine;
    }

    /** The signal headers, Cross-Origin-Resource-Policy included when configured. */
    public List<Header> signals() {
        return signals;
    }

    public boolean noTransform() {
        return noTransform;
    }

    public boolean negotiatesWebp() {
        return negotiatesWebp;
    }

    public long maxImageSize() {
        return maxImageSize;
    }

    /**
     * The configured signals (the table of docs/http.md), and {@code Cross-Origin-Resource-Policy: same-site} when
     * {@code hotlink.cross-origin-resource-policy} asks for it (browsers then refuse cross-site embeds themselves,
     * Referer or not). No mining signals when the DataMining code allows mining: they would contradict the embedded
     * statement.
     */
    private static List<Header> signalsOf(Policy policy) {
        List<Header> signals = new ArrayList<>();
        if (policy.hotlink().crossOriginResourcePolicy()) {
            signals.add(new Header("Cross-Origin-Resource-Policy", "same-site"));
        }
        if (!policy.protection().dataMining().prohibits()) {
            return signals;
        }
        HeaderSettings headers = policy.protection().headers();
        if (!headers.xRobotsTag().isBlank()) {
            signals.add(new Header("X-Robots-Tag", headers.xRobotsTag()));
        }
        if (headers.tdmReservation()) {
            signals.add(new Header("tdm-reservation", "1"));
            if (!headers.tdmPolicy().isBlank()) {
                signals.add(new Header("tdm-policy", headers.tdmPolicy()));
            }
        }
        if (!headers.contentUsage().isBlank()) {
            signals.add(new Header("Content-Usage", headers.contentUsage()));
        }
        return signals;
    }

    /**
     * The headers of a rewritten image that the policy decides and the bytes do not: Cache-Control and Vary (the
     * origin's, with {@code no-transform} and {@code Accept} added as configured) and the signals. Made for each
     * response, never stored with the body, so a reload that changes only them applies to cache hits at once.
     */
    public List<Header> imageHeaders(String originCacheControl, String originVary) {
        ImageHeaders last = lastImageHeaders;
        if (last != null && Objects.equals(last.origin.cacheControl, originCacheControl)
                && Objects.equals(last.origin.vary, originVary)) {
            return last.headers; // most sites send one Cache-Control for all images: no key to build
        }
        OriginHeaders origin = new OriginHeaders(originCacheControl, originVary);
        List<Header> ready = imageHeaders.get(origin);
        if (ready != null) {
            lastImageHeaders = new ImageHeaders(origin, ready);
            return ready;
        }
        List<Header> headers = new ArrayList<>(signals.size() + 2);
        String cacheControl = cacheControl(originCacheControl);
        if (!cacheControl.isBlank()) {
            headers.add(new Header("Cache-Control", cacheControl));
        }
        String vary = vary(originVary);
        if (!vary.isBlank()) {
            headers.add(new Header("Vary", vary));
        }
        headers.addAll(signals);
        List<Header> made = List.copyOf(headers);
        if (imageHeaders.size() < MADE_AHEAD) {
            made = Objects.requireNonNullElse(imageHeaders.putIfAbsent(origin, made), made);
        }
        return made;
    }

    /** The origin's Cache-Control with {@code no-transform} appended once (alone when the origin sent none). */
    public String cacheControl(String origin) {
        return noTransform ? HeaderValues.appendToken(origin, "no-transform") : origin;
    }

    /** The origin's Vary, plus {@code Accept} when the body depends on it. */
    public String vary(String origin) {
        if (!negotiatesWebp || HeaderValues.hasToken(origin, "*")) {
            return origin;
        }
        return HeaderValues.appendToken(origin, "Accept");
    }

    public Variant variant(RequestFacts request) {
        return Variant.negotiate(negotiatesWebp, request.accept());
    }

    @Override
    public String toString() {
        return "CompiledPolicy[fingerprint=" + fingerprint + ", access=" + access + ", " + engine + "]";
    }
}
