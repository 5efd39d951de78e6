package org.imageguard.policy.hotlink;

import java.util.Objects;
import org.imageguard.config.HotlinkAction;

/**
 * What to do with one request: serve it, or answer it with the configured action.
 *
 * <pre>{@code
 * HotlinkDecision d = policy.decide(facts);
 * if (!d.allowed()) {
 *     switch (d.action()) {
 *         case FORBID -> respond403("hotlink;reason=" + d.reason().word());
 *         case PLACEHOLDER -> respond(200, Placeholder.contentType(), Placeholder.bytes());
 *         case REDIRECT -> redirect(d.redirectTo());
 *     }
 * }
 * }</pre>
 *
 * Denials must carry {@code Cache-Control: private, no-store}: the same URL is served to the site itself.
 *
 * @param allowed    whether the image is served
 * @param reason     why
 * @param action     for a denial, what the client gets; {@code null} when allowed
 * @param redirectTo for {@link HotlinkAction#REDIRECT}, where to; otherwise empty
 */
public record HotlinkDecision(boolean allowed, HotlinkReason reason, HotlinkAction action, String redirectTo) {

    public HotlinkDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(redirectTo, "redirectTo");
        if (allowed != (action == null)) {
            throw new IllegalArgumentException("an action is given exactly for denials");
        }
    }

    static HotlinkDecision allow(HotlinkReason reason) {
        return new HotlinkDecision(true, reason, null, "");
    }

    static HotlinkDecision deny(HotlinkReason reason, HotlinkAction action, String redirectTo) {
        return new HotlinkDecision(false, reason, action, action == HotlinkAction.REDIRECT ? redirectTo : "");
    }
}
