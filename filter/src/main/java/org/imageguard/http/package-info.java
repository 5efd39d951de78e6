/**
 * The HTTP behaviour of ImageGuard (docs/http.md), free of any server API so the servlet filter and the Jetty proxy
 * share it.
 *
 * <p>One request, as an adapter drives it:
 * <ol>
 *   <li>{@link org.imageguard.http.ImageGuardPipeline#begin} with the {@link org.imageguard.http.RequestFacts}: the
 *       {@link org.imageguard.http.AccessPolicy} may deny (before the cache), a {@link org.imageguard.http.SiteFile}
 *       ({@code robots.txt} replaced) or a fresh cache entry is answered at once, anything else is forwarded through
 *       an {@link org.imageguard.http.Exchange} (POST and friends are not wrapped at all).</li>
 *   <li>The adapter forwards with {@code forwardMethod()}, minus {@code removedRequestHeaders()} (on image paths
 *       ImageGuard answers conditionals and ranges itself, from the bytes it serves), plus
 *       {@code addedRequestHeaders()} (the cached entry's own validator when revalidating).</li>
 *   <li>When the origin's status and headers are known (first byte, flush or end), {@code decide()} returns a
 *       {@link org.imageguard.http.RewriteDecision}: stream untouched, stream with labels, buffer, or (after our
 *       revalidation) reuse the cache.</li>
 *   <li>A buffered body goes to {@code complete()}: sniffed, rewritten once per key and validator through the
 *       {@link org.imageguard.http.RewriteCache} and the {@link org.imageguard.http.TransformLimiter}, answered by
 *       {@link org.imageguard.http.Responder} (304 / 206 / 416 / 200, HEAD without body).</li>
 * </ol>
 * The adapter copies the resulting {@link org.imageguard.http.HttpAnswer} onto its response. Any answer may be a
 * denial: a body sniffed as an image at a path without an image extension is checked again by
 * {@link org.imageguard.http.AccessPolicy#checkImage}. For a site file ({@code robots.txt}, {@code tdmrep.json})
 * {@code decide()} buffers whatever the origin's status, so a 404 is replaced by ours; a servlet adapter also keeps the
 * container's error page out when {@code replacesErrors()} says so.
 *
 * <p>{@code org.imageguard.policy.ImageGuardSite.of(config)} builds a pipeline with everything configured.
 */
package org.imageguard.http;
