/**
 * ImageGuard's Micrometer meters, shared by the servlet filter and the proxy: what the pipeline counts
 * ({@link org.imageguard.metrics.SiteMeters}: cache, crawler blocks, rewrite errors, unsupported formats, the
 * in-flight budget, the background optimizer), what each request came to
 * ({@link org.imageguard.metrics.RequestMeters}), and a Prometheus registry of ImageGuard's own for whoever has no
 * registry to bind them to ({@link org.imageguard.metrics.PrometheusText}). No server API here: the filter and the
 * proxy decide where the text is served.
 */
package org.imageguard.metrics;
