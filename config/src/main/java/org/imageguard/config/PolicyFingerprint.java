package org.imageguard.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable hash of the settings that change the bytes of a rewritten image: the DataMining statement, the
 * rights fields, XMP and strip modes, optimisation, watermark and the size limits (which decide whether an image is
 * rewritten at all). HTTP headers, hotlink and crawler settings do not change the bytes and are left out, so
 * changing them keeps cached images and ETags valid. Which is which is said once per key, in {@link PolicyKeys}. Identical across JVMs, restarts and replicas: it is hashed
 * from a canonical text, never from {@code hashCode()}.
 *
 * <pre>{@code
 * String fp = PolicyFingerprint.of(config.policy()); // e.g. "3f9a0c1e77d2b845"
 * }</pre>
 */
public final class PolicyFingerprint {

    /**
     * The canonical text's first line. Never bumped: when the engine writes other bytes for the same settings, the
     * ETags change through the engine's own revision ({@code EntityTags.REVISION}), and one number for that is
     * enough; when a key joins the fingerprint, the text changes by itself. Kept as it was written first, so that
     * unchanged policies keep their fingerprint across versions.
     */
    private static final String FORMAT = "imageguard-policy-1";

    private PolicyFingerprint() {
    }

    /** The first 16 hex digits of the SHA-256 of {@link #canonical(Policy)}. */
    public static String of(Policy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(policy).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * One {@code label=length:value} line per key that {@link PolicyKeys} marks as changing the bytes, in the table's
     * order; the length keeps values with '=' or newlines unambiguous.
     */
    static String canonical(Policy policy) {
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        append(out, PolicyKeys.POLICY, policy);
        return out.toString();
    }

    private static <S extends Record> void append(StringBuilder out, KeySection<S> section, Object settings) {
        S values = section.type().cast(settings);
        for (int i = 0; i < section.entries().size(); i++) {
            KeyEntry entry = section.entries().get(i);
            if (entry instanceof KeySection<?> nested) {
                append(out, nested, section.valueAt(values, i));
            } else if (entry instanceof ConfigKey key && key.changesBytes()) {
                String value = key.kind().canonical(section.valueAt(values, i));
                if (value == null) {
                    continue; // unset and added later (watermark.logo): policies without it keep their fingerprint
                }
                out.append(key.fingerprintLabel()).append('=').append(value.length()).append(':').append(value)
                        .append('\n');
            }
        }
    }
}
