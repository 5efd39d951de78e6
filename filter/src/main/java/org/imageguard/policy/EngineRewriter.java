package org.imageguard.policy;

import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.http.ImageRewriter;

/**
 * The real engine as the HTTP pipeline calls it: the protection on the request path, the lossless optimisation in
 * the background. The one place the filter and the proxy wire the engine.
 *
 * <pre>{@code
 * ImageGuardPipeline.builder().rewriter(new EngineRewriter())...
 * }</pre>
 */
public final class EngineRewriter implements ImageRewriter {

    private final ImageGuardEngine engine;

    public EngineRewriter() {
        this(new ImageGuardEngine());
    }

    public EngineRewriter(ImageGuardEngine engine) {
        this.engine = engine;
    }

    @Override
    public RewriteResult rewrite(byte[] body, Policy policy) {
        return engine.rewrite(body, policy);
    }

    @Override
    public RewriteResult optimize(byte[] protectedBody, Policy policy) {
        return engine.optimize(protectedBody, policy);
    }
}
