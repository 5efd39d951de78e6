package org.imageguard.engine;

import java.util.Objects;

import org.imageguard.config.Policy;
import org.imageguard.engine.pixels.PixelStage;
import org.imageguard.engine.xmp.XmpComposer;

/**
 * A policy with what the engine derives from it, derived once: the XMP composer (our packet serialised in advance)
 * and whether the pixel stage runs at all. Servers prepare one per configured policy when they load the
 * configuration and hand it to every rewrite; {@link ImageGuardEngine#rewrite(byte[], Policy)} prepares one when
 * it is passed another policy instance than the call before. Immutable and thread-safe.
 *
 * <pre>{@code
 * PreparedPolicy prepared = PreparedPolicy.of(policy);     // at start-up
 * engine.rewrite(body, prepared);                          // per image
 * }</pre>
 */
public final class PreparedPolicy {

    private final Policy policy;
    private final XmpComposer composer;
    private final boolean pixelWork;

    private PreparedPolicy(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.composer = new XmpComposer(policy.protection());
        this.pixelWork = PixelStage.wanted(policy);
    }

    public static PreparedPolicy of(Policy policy) {
        return new PreparedPolicy(policy);
    }

    public Policy policy() {
        return policy;
    }

    /** The XMP template of the policy's protection settings. */
    public XmpComposer composer() {
        return composer;
    }

    /** Whether images need decoding (resize, re-encode, watermark), not just metadata surgery. */
    public boolean pixelWork() {
        return pixelWork;
    }

    @Override
    public String toString() {
        return "PreparedPolicy[pixelWork=" + pixelWork + "]";
    }
}
