package org.imageguard.proxy;

import java.util.Optional;

/**
 * The one seam where the image pipeline plugs into the proxy. The proxy asks three questions per request; the
 * defaults answer "do nothing", so every response streams through untouched ({@link #PASS_THROUGH}).
 *
 * <ol>
 *   <li>{@link #beforeOrigin}: answer without contacting the origin (a hotlink denial, a blocked crawler, a cache
 *       hit)?</li>
 *   <li>{@link #bodyLimit}: given the origin's status and headers, read the body into memory, up to how many bytes?
 *       0 streams it through unbuffered. A body longer than the limit also streams through untouched.</li>
 *   <li>{@link #afterOrigin}: given the whole body, send something else instead (the rewritten image)?</li>
 * </ol>
 *
 * <pre>{@code
 * ResponseInterceptor stampPng = new ResponseInterceptor() {
 *     public long bodyLimit(RequestFacts request, OriginHead origin) {
 *         return origin.status() == 200 && origin.header("Content-Type").orElse("").equals("image/png") ? 1 << 20 : 0;
 *     }
 *     public Optional<Replacement> afterOrigin(RequestFacts request, OriginHead origin, byte[] body) {
 *         return Optional.of(new Replacement("miss", 200, origin.headers(), rewrite(body)));
 *     }
 * };
 * ImageGuardServer server = ImageGuardServer.create(ConfigReloader.fixed(config), stampPng);
 * }</pre>
 * For HEAD requests the origin sends no body, so {@link #afterOrigin} sees an empty one; a replacement's
 * headers (Content-Length included) are sent without its body.
 * Implementations are called concurrently from request threads and must be thread-safe. A runtime exception
 * thrown from any method answers 500 "internal error" (before the response is committed).
 */
public interface ResponseInterceptor {

    /** Streams every response through untouched. */
    ResponseInterceptor PASS_THROUGH = new ResponseInterceptor() {
        @Override
        public String toString() {
            return "pass-through";
        }
    };

    /** A response to send without contacting the origin, or empty to ask the origin. */
    default Optional<Replacement> beforeOrigin(RequestFacts request) {
        return Optional.empty();
    }

    /** How many body bytes this interceptor needs to decide; 0 (the default) streams the body through. */
    default long bodyLimit(RequestFacts request, OriginHead origin) {
        return 0;
    }

    /**
     * Called only when {@link #bodyLimit} was positive and the whole body fit in it. Empty sends the origin's
     * response (these very bytes) unchanged.
     */
    default Optional<Replacement> afterOrigin(RequestFacts request, OriginHead origin, byte[] body) {
        return Optional.empty();
    }
}
