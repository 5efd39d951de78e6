package org.imageguard.proxy;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import com.github.benmanes.caffeine.cache.Ticker;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.component.LifeCycle;
import org.imageguard.config.OriginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards requests to the configured upstream server over a pooled Jetty {@link HttpClient}.
 *
 * <p>The upstream URL from the configuration is the only destination: the request's path and query (raw, as
 * received) are appended to it, and neither an absolute-form request target nor the Host header can change it,
 * so the proxy is never an open proxy. Hop-by-hop headers are removed both ways; {@code X-Forwarded-For/Proto/Host}
 * and {@code Via} are added. Redirects must be proxied as is, not followed; compressed bodies are passed on as
 * they are, never decoded. No thread waits for the origin: Jetty's client calls back when the headers are in, and
 * the body is read as it arrives ({@link OriginBody}).
 *
 * <pre>{@code
 * UpstreamOrigin origin = new UpstreamOrigin(settings);   // settings.upstream() = http://127.0.0.1:8000/site
 * server.addBean(origin.client());                        // started and stopped with the server
 * // GET /a/b?x=1 is fetched from http://127.0.0.1:8000/site/a/b?x=1
 * }</pre>
 */
final class UpstreamOrigin implements Origin {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamOrigin.class);

    /**
     * Request headers not copied as they are: Host names the upstream, the length comes from the body, the proxy
     * answers Expect itself, and the forwarding headers are rewritten below.
     */
    private static final Set<String> REWRITTEN = Set.of("host", "content-length", "expect", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "via");

    /** A reverse proxy has no business tunnelling (CONNECT) or echoing requests with their cookies (TRACE). */
    private static final Set<String> REFUSED_METHODS = Set.of("CONNECT", "TRACE");

    /**
     * The most header bytes an origin's response may carry; larger is a 502. The public port's own limit
     * ({@link ImageGuardServer#RESPONSE_HEADER_SIZE}) is twice this, so the origin's headers plus ours always fit
     * and the server never fails writing them (Jetty would answer that with its HTML 500 page).
     */
    static final int MAX_ORIGIN_HEADERS = 16 * 1024;

    private final URI upstream;
    private final String base;
    private final Duration timeout;
    private final HttpClient client;
    private final OriginFailureLog failures;

    UpstreamOrigin(OriginSettings settings) {
        this.failures = new OriginFailureLog(LOG, Ticker.systemTicker());
        this.upstream = settings.upstream().orElseThrow(() -> new IllegalArgumentException("no upstream"));
        String url = upstream.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = settings.timeout();
        this.client = newClient(settings.connectTimeout());
    }

    private static HttpClient newClient(Duration connectTimeout) {
        HttpClient client = new HttpClient();
        // Redirects must be proxied as is, not followed.
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null); // the client's own User-Agent is forwarded instead
        client.setMaxConnectionsPerDestination(256);
        client.setMaxResponseHeadersSize(MAX_ORIGIN_HEADERS);
        // Both are filled during start: clear them afterwards so bodies keep their Content-Encoding and 401/100
        // responses reach the client instead of being handled here.
        client.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                client.getContentDecoderFactories().clear();
                client.getProtocolHandlers().clear();
            }
        });
        return client;
    }

    /** The pooled client; its owner starts and stops it. */
    HttpClient client() {
        return client;
    }

    @Override
    public String describe() {
        return upstream.toString();
    }

    /**
     * Sends the request and returns at once: the reply comes to {@code reply} on one of the server's threads when
     * the origin's headers are in (its body then arrives as the reply's {@link OriginBody} is read), or an
     * {@link OriginException} when the origin cannot be reached or does not answer within {@code origin.timeout}.
     * No thread waits for the origin meanwhile.
     */
    @Override
    public void fetch(Request request, String method, HttpFields headers, Promise<OriginReply> reply) {
        if (REFUSED_METHODS.contains(method)) {
            reply.succeeded(OriginReply.text(405, "method not allowed", HttpFields.EMPTY));
            return;
        }
        URI target = target(request.getHttpURI());
        if (target == null) {
            reply.succeeded(OriginReply.text(400, "bad request target", HttpFields.EMPTY));
            return;
        }
        org.eclipse.jetty.client.Request forward = client.newRequest(target)
                .method(method)
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                // The whole exchange, body included: an origin trickling a byte a second is never idle, never done.
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(out -> copyRequestHeaders(request, headers, out));
        if (RequestBody.present(request)) {
            forward.body(new RequestBody(request));
        }
        // Where the request goes on: the server's pool, or its virtual threads (Java 21+) as for PublicHandler.
        Executor pool = request.getComponents().getThreadPool();
        Executor virtual = VirtualThreads.getVirtualThreadsExecutor(pool);
        forward.send(new Replying(reply, virtual != null ? virtual : pool));
    }

    /**
     * Hands the origin's headers and body on once they are known, or its failure if it fails first. Jetty calls it on
     * its client's threads, which must not wait for anything: the reply goes on on the server's threads, where the
     * pipeline decides and rewrites images.
     */
    private final class Replying implements org.eclipse.jetty.client.Response.Listener {

        private final Promise<OriginReply> reply;
        private final Executor threads;
        private final AtomicBoolean answered = new AtomicBoolean();

        Replying(Promise<OriginReply> reply, Executor threads) {
            this.reply = reply;
            this.threads = threads;
        }

        @Override
        public void onContentSource(org.eclipse.jetty.client.Response response, Content.Source content) {
            if (answered.compareAndSet(false, true)) {
                // A response read to its end leaves its connection to the pool. One given up before its end is
                // aborted (its connection closed), unless it cannot have a body (HEAD, 304): that one is read to its
                // end, which comes at once.
                int status = response.getStatus();
                boolean bodiless = HttpMethod.HEAD.is(response.getRequest().getMethod()) || status < 200
                        || status == 204 || status == 304;
                Consumer<Throwable> giveUp = bodiless ? failure -> Content.Source.consumeAll(content, Callback.NOOP)
                        : response::abort;
                OriginReply answer = new OriginReply(status, endToEnd(response.getHeaders()),
                        OriginBody.of(content, giveUp));
                execute(() -> reply.succeeded(answer), answer.body());
            }
        }

        @Override
        public void onComplete(Result result) {
            // Failures after the headers reach the body's reader as a failed read instead.
            if (result.isFailed() && answered.compareAndSet(false, true)) {
                OriginException failure = failure(result.getFailure());
                execute(() -> reply.failed(failure), null);
            }
        }

        private void execute(Runnable task, OriginBody body) {
            try {
                threads.execute(task);
            } catch (RejectedExecutionException e) {
                // The server is stopping: nobody is left to read the body.
                if (body != null) {
                    body.fail(e);
                }
                reply.failed(OriginException.unreachable("the proxy is stopping", e));
            }
        }
    }

    /** Why the origin gave no answer, logged once a minute per reason: slow (504), or unreachable or garbled (502). */
    private OriginException failure(Throwable cause) {
        if (causeOfType(cause, TimeoutException.class) != null || cause instanceof SocketTimeoutException) {
            return timedOut(cause);
        }
        HttpException unparsable = causeOfType(cause, HttpException.class);
        if (unparsable != null) {
            // Oversized headers (over MAX_ORIGIN_HEADERS) or a broken status line: the origin's fault, one line.
            failures.warn(upstream.toString(), "unreadable", "origin {} sent a response that cannot be relayed"
                    + " ({} {}): 502", upstream, unparsable.getCode(), unparsable.getReason());
            return OriginException.unreachable("the origin's response could not be read", cause);
        }
        failures.warn(upstream.toString(), "unreachable", "origin {} unreachable: {}", upstream, cause.toString());
        return OriginException.unreachable("cannot reach the origin", cause);
    }

    /**
     * The upstream URL plus the raw path and query, or null when the result would not be on the upstream: a path
     * must start with "/" (else "@evil.test/x" would turn the upstream's host into user info), and the parsed URL
     * must still name the upstream's scheme, host and port.
     */
    private URI target(HttpURI uri) {
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        try {
            URI target = new URI(base + path + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
            boolean same = upstream.getScheme().equalsIgnoreCase(target.getScheme())
                    && upstream.getHost().equalsIgnoreCase(target.getHost()) && upstream.getPort() == target.getPort()
                    && target.getRawUserInfo() == null;
            return same ? target : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static <T> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private OriginException timedOut(Throwable cause) {
        failures.warn(upstream.toString(), "timeout", "origin {} did not answer within {}", upstream, timeout);
        return OriginException.timeout("the origin did not answer in time", cause);
    }

    private static void copyRequestHeaders(Request request, HttpFields in, HttpFields.Mutable headers) {
        HopByHop hop = HopByHop.of(in);
        for (HttpField field : in) {
            if (!hop.contains(field) && !REWRITTEN.contains(field.getLowerCaseName())) {
                headers.add(field);
            }
        }
        List<String> forwardedFor = new ArrayList<>(in.getValuesList("X-Forwarded-For"));
        forwardedFor.add(Request.getRemoteAddr(request));
        headers.put("X-Forwarded-For", String.join(", ", forwardedFor));
        headers.put("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        String host = in.get(HttpHeader.HOST);
        if (host != null) {
            headers.put("X-Forwarded-Host", host);
        }
        List<String> via = new ArrayList<>(in.getValuesList(HttpHeader.VIA));
        String version = request.getConnectionMetaData().getHttpVersion().asString();
        via.add(version.substring(version.indexOf('/') + 1) + " imageguard");
        headers.put(HttpHeader.VIA, String.join(", ", via));
    }

    private static HttpFields endToEnd(HttpFields fields) {
        HopByHop hop = HopByHop.of(fields);
        HttpFields.Mutable kept = HttpFields.build();
        fields.forEach(field -> {
            if (!hop.contains(field)) {
                kept.add(field);
            }
        });
        return kept;
    }
}
