package org.imageguard.http;

import java.nio.charset.StandardCharsets;

import org.imageguard.config.Policy;

/**
 * A short stable name for what a policy does to images: part of every cache key and ETag, so a changed policy changes
 * both and an unchanged one keeps them identical across restarts and replicas.
 *
 * <pre>{@code
 * String fp = PolicyFingerprinter.sha256OfToString().fingerprint(Policy.DEFAULTS);
 * }</pre>
 */
@FunctionalInterface
public interface PolicyFingerprinter {

    String fingerprint(Policy policy);

    /**
     * SHA-256 of {@code policy.toString()}: records print every component in declaration order, so the text is
     * deterministic. A placeholder until the configuration module's canonical fingerprint is wired in.
     */
    static PolicyFingerprinter sha256OfToString() {
        return policy -> Digests.sha256Hex(policy.toString().getBytes(StandardCharsets.UTF_8));
    }
}
