package org.imageguard.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short, stable hash of the settings that change the bytes of a rewritten image: the DataMining statement, the
 * rights fields, XMP and strip modes, optimisation, watermark and the size limits (which decide whether an image is
 * rewritten at all). HTTP headers, hotlink and crawler settings do not change the bytes and are left out, so
 * changing them keeps cached images and ETags valid. Identical across JVMs, restarts and replicas: it is hashed
 * from a canonical text, never from {@code hashCode()}.
 *
 * <pre>{@code
 * String fp = PolicyFingerprint.of(config.policy()); // e.g. "3f9a0c1e77d2b845"
 * }</pre>
 */
public final class PolicyFingerprint {

    /** Bump when the meaning of a setting changes the output for the same canonical text. */
    private static final String VERSION = "imageguard-policy-1";

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

    /** One {@code key=length:value} line per setting; the length keeps values with '=' or newlines unambiguous. */
    static String canonical(Policy policy) {
        ProtectionSettings p = policy.protection();
        Rights r = p.rights();
        OptimizeSettings o = policy.optimize();
        WatermarkSettings w = policy.watermark();
        LimitSettings l = policy.limits();
        StringBuilder out = new StringBuilder(VERSION).append('\n');
        List<Object> fields = new java.util.ArrayList<>(List.of(
                "data-mining", p.dataMining().code(), "other-constraints", p.otherConstraints(),
                "copyright", r.copyright(), "creator", r.creator(), "credit", r.credit(),
                "web-statement", r.webStatement(), "usage-terms", r.usageTerms(),
                "licensor-name", r.licensorName(), "licensor-url", r.licensorUrl(),
                "existing-xmp", p.existingXmp().yamlName(), "strip", p.strip().yamlName(),
                "optimize.mode", o.mode().yamlName(), "effort", o.effort().yamlName(), "jpeg-quality", o.jpegQualityText(),
                "min-saving", ConfigValues.formatNumber(o.minSavingPercent()),
                "max-width", o.maxWidth(), "max-height", o.maxHeight(), "webp", o.webp(),
                "watermark.enabled", w.enabled(), "watermark.text", w.text(),
                "watermark.position", w.position().yamlName(), "opacity", ConfigValues.formatNumber(w.opacity()),
                "min-width", w.minWidth(),
                "max-image-size", l.maxImageSize().bytes(), "max-pixels", l.maxPixels()));
        // Only when there is one, so policies without a logo keep the fingerprints (and ETags) they had.
        w.logo().ifPresent(logo -> fields.addAll(List.of("watermark.logo", logo.sha256())));
        for (int i = 0; i < fields.size(); i += 2) {
            String value = String.valueOf(fields.get(i + 1));
            out.append(fields.get(i)).append('=').append(value.length()).append(':').append(value).append('\n');
        }
        return out.toString();
    }
}
