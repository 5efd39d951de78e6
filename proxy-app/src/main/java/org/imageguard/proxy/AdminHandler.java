package org.imageguard.proxy;

import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imageguard.metrics.PrometheusText;

/**
 * The admin port (bound to 127.0.0.1 only): {@code /healthz} answers 200 "ok" while the public port serves, 503
 * otherwise (stopping, or after an OutOfMemoryError: see {@link OutOfMemory}); {@code /metrics} is the Prometheus text format; anything else 404.
 */
final class AdminHandler extends Handler.Abstract.NonBlocking {

    private final ProxyMetrics metrics;
    private final BooleanSupplier serving;

    AdminHandler(ProxyMetrics metrics, BooleanSupplier serving) {
        this.metrics = metrics;
        this.serving = serving;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals("/healthz")) {
            boolean up = serving.getAsBoolean();
            PublicHandler.writeText(response, callback, up ? 200 : 503, up ? "ok" : "not serving");
        } else if (path.equals("/metrics")) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
            Content.Sink.write(response, true, metrics.scrape(), callback);
        } else {
            PublicHandler.writeText(response, callback, 404, "not found");
        }
        return true;
    }
}
