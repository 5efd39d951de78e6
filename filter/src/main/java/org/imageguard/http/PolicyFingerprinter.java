package org.imageguard.http;

import org.imageguard.config.Policy;
import org.imageguard.config.PolicyFingerprint;

/**
 * A short stable name for what a policy does to images: part of every cache key and ETag, so a changed policy changes
 * both and an unchanged one keeps them identical across restarts and replicas.
 *
 * <pre>{@code
 * String fp = PolicyFingerprinter.DEFAULT.fingerprint(Policy.DEFAULTS);
 * }</pre>
 *
 * The one implementation is the configuration module's {@link PolicyFingerprint}; the interface stays so tests can
 * count or fix fingerprints.
 */
@FunctionalInterface
public interface PolicyFingerprinter {

    /** {@link PolicyFingerprint#of}: hashes only the settings that change the bytes of a rewritten image. */
    PolicyFingerprinter DEFAULT = PolicyFingerprint::of;

    String fingerprint(Policy policy);
}
