package org.imageguard.policy.hotlink;

import java.util.Objects;

/**
 * Whether one request may have the image, and why. What a denied request gets (403, the placeholder, a redirect) is
 * the configured {@code hotlink.action}, answered by the site's access rules.
 *
 * <pre>{@code
 * HotlinkDecision d = policy.decide(facts);
 * if (!d.allowed()) {
 *     denials.increment(d.reason().word()); // e.g. "foreign-referer"
 *     return hotlinkDenial;                 // precomputed from hotlink.action
 * }
 * }</pre>
 *
 * @param allowed whether the image is served
 * @param reason  why
 */
public record HotlinkDecision(boolean allowed, HotlinkReason reason) {

    public HotlinkDecision {
        Objects.requireNonNull(reason, "reason");
    }
}
