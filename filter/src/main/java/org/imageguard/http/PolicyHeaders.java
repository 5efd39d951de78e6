package org.imageguard.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.imageguard.config.HeaderSettings;
import org.imageguard.config.Policy;

/**
 * Everything about a policy that every response would otherwise recompute, computed once per policy: its
 * fingerprint, the signal headers, and the rules for {@code Cache-Control} and {@code Vary}.
 *
 * <pre>{@code
 * PolicyHeaders ph = PolicyHeaders.of(Policy.DEFAULTS, PolicyFingerprinter.DEFAULT);
 * ph.signals();                        // X-Robots-Tag: noai, noimageai; tdm-reservation: 1; Content-Usage: train-ai=n
 * ph.cacheControl("max-age=60");       // "max-age=60, no-transform"
 * }</pre>
 */
public record PolicyHeaders(Policy policy, String fingerprint, List<Header> signals, boolean noTransform,
                            boolean negotiatesWebp, long maxImageSize) {

    public PolicyHeaders {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fingerprint, "fingerprint");
        signals = List.copyOf(signals);
    }

    public static PolicyHeaders of(Policy policy, PolicyFingerprinter fingerprinter) {
        return new PolicyHeaders(policy, fingerprinter.fingerprint(policy), signalsOf(policy),
                policy.protection().headers().noTransform(), policy.optimize().webp(),
                policy.limits().maxImageSize().bytes());
    }

    /**
     * The configured signals (STANDARDS.md §3), and {@code Cross-Origin-Resource-Policy: same-site} when
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
        return headers;
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
}
