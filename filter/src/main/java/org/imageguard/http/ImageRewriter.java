package org.imageguard.http;

import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;

/**
 * The engine as the HTTP pipeline sees it: bytes and a policy in, bytes and a report out. Kept as an interface so the
 * pipeline does not depend on how the engine is built; the application wires the real one.
 *
 * <pre>{@code
 * ImageRewriter rewriter = ImageRewriter.of(new ImageGuardEngine());
 * }</pre>
 *
 * Implementations throw {@link org.imageguard.engine.ImageFormatException} for bad input; any exception is treated
 * by the pipeline's {@code on-error} policy.
 */
@FunctionalInterface
public interface ImageRewriter {

    RewriteResult rewrite(byte[] body, Policy policy);

    /**
     * Rewrites for a negotiated variant. The default ignores the variant: an engine that can produce WebP overrides
     * this.
     */
    default RewriteResult rewrite(byte[] body, Policy policy, Variant variant) {
        return rewrite(body, policy);
    }

    /**
     * Rewrites under a compiled policy: the engine uses what was prepared with it (the XMP composer) instead of
     * deriving it per image. The default hands on the plain policy.
     */
    default RewriteResult rewrite(byte[] body, CompiledPolicy policy, Variant variant) {
        return rewrite(body, policy.policy(), variant);
    }

    /**
     * The second stage, run in the background on a body {@link #rewrite} produced: the same pixels in fewer bytes,
     * or {@code protectedBody} itself when nothing smaller was found. The default optimises nothing.
     *
     * @throws org.imageguard.engine.ImageFormatException for image data that cannot be decoded
     */
    default RewriteResult optimize(byte[] protectedBody, Policy policy) {
        return new RewriteResult(protectedBody, new RewriteReport.Builder()
                .format(ImageFormat.sniff(protectedBody))
                .build(RewriteReport.REWRITTEN, protectedBody.length, protectedBody.length));
    }

    /**
     * Heap bytes {@link #rewrite} will hold in decoded pixels for this body under this policy, from its header alone,
     * for the pipeline to reserve before the call; 0 when it decodes none. The default decodes none.
     */
    default long pixelBytesNeeded(byte[] body, Policy policy) {
        return 0;
    }

    /**
     * Whether {@link #optimize} may make an image of this format smaller; a background job is queued only for those.
     * The default says yes, so a rewriter that overrides {@code optimize} alone is asked for every image.
     */
    default boolean optimizes(ImageFormat format) {
        return true;
    }

    /** The engine: protection (WebP included) on the request path, lossless optimisation in the background. */
    static ImageRewriter of(ImageGuardEngine engine) {
        return new ImageRewriter() {
            @Override
            public RewriteResult rewrite(byte[] body, Policy policy) {
                return engine.rewrite(body, policy);
            }

            @Override
            public RewriteResult rewrite(byte[] body, Policy policy, Variant variant) {
                return variant == Variant.WEBP ? engine.rewriteAsWebp(body, policy) : engine.rewrite(body, policy);
            }

            @Override
            public RewriteResult rewrite(byte[] body, CompiledPolicy policy, Variant variant) {
                return variant == Variant.WEBP ? engine.rewriteAsWebp(body, policy.engine())
                        : engine.rewrite(body, policy.engine());
            }

            @Override
            public RewriteResult optimize(byte[] protectedBody, Policy policy) {
                return engine.optimize(protectedBody, policy);
            }

            @Override
            public long pixelBytesNeeded(byte[] body, Policy policy) {
                try {
                    return engine.pixelBytesNeeded(body, policy);
                } catch (ImageFormatException e) {
                    return 0; // the rewrite itself reports the bad header, and on-error decides
                }
            }

            @Override
            public boolean optimizes(ImageFormat format) {
                return engine.optimizes(format);
            }
        };
    }
}
