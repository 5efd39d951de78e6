package org.imageguard.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imageguard.config.ImageGuardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port: asks the {@link ResponseInterceptor} before and after the {@link Origin}, and otherwise streams
 * the origin's answer to the client untouched and unbuffered. Origin failures become a short text 502/504; nothing
 * else of the proxy (health, metrics) is reachable here.
 *
 * <p>The handler blocks its thread while it copies; the server runs it on virtual threads where the JVM has them.
 */
final class PublicHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(PublicHandler.class);

    private final Supplier<ImageGuardConfig> configs;
    private final Origin origin;
    private final ResponseInterceptor interceptor;
    private final ProxyMetrics metrics;

    PublicHandler(Supplier<ImageGuardConfig> configs, Origin origin, ResponseInterceptor interceptor,
                  ProxyMetrics metrics) {
        this.configs = configs;
        this.origin = origin;
        this.interceptor = interceptor;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestFacts facts = facts(request);
        try {
            Optional<Replacement> early = interceptor.beforeOrigin(facts);
            if (early.isPresent()) {
                replace(facts, response, callback, early.get());
                return true;
            }
            try (OriginResponse answer = origin.fetch(request, facts)) {
                relay(facts, answer, response, callback);
            }
        } catch (OriginException e) {
            metrics.request("origin_error");
            writeText(response, callback, e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(facts, response, callback, e);
        }
        return true;
    }

    private RequestFacts facts(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return new RequestFacts(request.getMethod(), path, uri.getQuery(), Headers.of(request.getHeaders()),
                configs.get());
    }

    private void relay(RequestFacts facts, OriginResponse answer, Response response, Callback callback)
            throws IOException {
        OriginHead head = answer.head();
        InputStream body = answer.body();
        long limit = interceptor.bodyLimit(facts, head);
        if (limit > 0) {
            int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
            byte[] prefix = body.readNBytes(cap + 1);
            if (prefix.length <= cap) {
                Optional<Replacement> replacement = interceptor.afterOrigin(facts, head, prefix);
                if (replacement.isPresent()) {
                    replace(facts, response, callback, replacement.get());
                    return;
                }
            }
            // Too long to rewrite, or left alone: what was read goes first, the rest still streams.
            body = new SequenceInputStream(new ByteArrayInputStream(prefix), body);
        }
        metrics.request("bypass");
        response.setStatus(head.status());
        Headers.copyTo(head.headers(), response.getHeaders());
        if (bodiless(head.status())) {
            response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
        }
        if (bodiless(head.status()) || facts.method().equals("HEAD")) {
            callback.succeeded(); // HEAD keeps the origin's Content-Length
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            body.transferTo(out);
        }
        callback.succeeded();
    }

    private void replace(RequestFacts facts, Response response, Callback callback, Replacement replacement) {
        metrics.request(replacement.outcome());
        response.setStatus(replacement.status());
        Headers.copyTo(replacement.headers(), response.getHeaders());
        if (bodiless(replacement.status())) {
            response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, replacement.body().length);
        if (facts.method().equals("HEAD")) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(replacement.body()), callback);
        }
    }

    /** 1xx, 204 and 304 never have a body (RFC 9110 §6.4.1); HEAD answers keep their headers but send none. */
    private static boolean bodiless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    private void fail(RequestFacts facts, Response response, Callback callback, Exception e) {
        if (response.isCommitted()) {
            LOG.debug("{} {} aborted mid-response: {}", facts.method(), facts.path(), e.toString());
            callback.failed(e); // the status line is out: all that is left is to cut the connection
            return;
        }
        response.reset(); // drop whatever origin headers were already copied
        if (e instanceof IOException) {
            // Reading the origin's body failed before anything was sent: still the origin's fault.
            LOG.warn("{} {}: the origin's response broke off: {}", facts.method(), facts.path(), e.toString());
            metrics.request("origin_error");
            writeText(response, callback, 502, "the origin's response broke off");
            return;
        }
        LOG.error("{} {} failed", facts.method(), facts.path(), e);
        metrics.request("error");
        writeText(response, callback, 500, "internal error");
    }

    static void writeText(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, message + "\n", callback);
    }
}
