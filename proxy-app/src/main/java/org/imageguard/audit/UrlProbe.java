package org.imageguard.audit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imageguard.batch.Failures;

/**
 * Fetches a URL the way {@code inspect} reports it: follows up to three redirects itself (so each is reported),
 * keeps the body (capped) for the metadata, then asks again as a training crawler (GPTBot) to see whether it is
 * refused. Each request times out after 10 seconds.
 *
 * <pre>{@code
 * UrlProbe.Fetched fetched = new UrlProbe().fetch(URI.create("https://example.com/a.jpg"));
 * engine.read(fetched.body());  fetched.signals().crawler().refused();
 * }</pre>
 */
public final class UrlProbe {

    public static final int MAX_REDIRECTS = 3;
    /** OpenAI's training crawler, as it announces itself. */
    public static final String CRAWLER_USER_AGENT =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot";
    static final String USER_AGENT = "Mozilla/5.0 (compatible; imageguard-inspect)";
    /** Larger bodies are not images worth auditing here; reading them whole would only risk the heap. */
    static final int MAX_BODY = 64 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, so each hop is reported
            .build();

    /** The final response's body and signals. */
    public record Fetched(byte[] body, HttpSignals signals) {
    }

    /**
     * Fetches {@code url}.
     *
     * @throws IOException when the server cannot be reached, times out, redirects too often or sends too much
     */
    public Fetched fetch(URI url) throws IOException {
        List<HttpSignals.Redirect> redirects = new ArrayList<>();
        URI current = url;
        while (true) {
            HttpResponse<InputStream> response = send(current, USER_AGENT, HttpResponse.BodyHandlers.ofInputStream());
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(response.statusCode()) && location.isPresent()) {
                response.body().close();
                if (redirects.size() == MAX_REDIRECTS) {
                    throw new IOException("more than " + MAX_REDIRECTS + " redirects (last to " + location.get() + ")");
                }
                current = resolve(current, location.get());
                redirects.add(new HttpSignals.Redirect(response.statusCode(), current));
                continue;
            }
            byte[] body = read(response.body());
            HttpSignals.CrawlerCheck crawler = askAsCrawler(current);
            return new Fetched(body, new HttpSignals(current, response.statusCode(), redirects,
                    signalHeaders(response), crawler));
        }
    }

    private HttpSignals.CrawlerCheck askAsCrawler(URI url) {
        try {
            int status = send(url, CRAWLER_USER_AGENT, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new HttpSignals.CrawlerCheck(CRAWLER_USER_AGENT, status, null);
        } catch (IOException e) {
            return new HttpSignals.CrawlerCheck(CRAWLER_USER_AGENT, 0, Failures.describe(e));
        }
    }

    private <T> HttpResponse<T> send(URI url, String userAgent, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("User-Agent", userAgent)
                .header("Accept", "image/*,*/*;q=0.8").GET().build();
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Map<String, String> signalHeaders(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : HttpSignals.HEADERS) {
            List<String> values = response.headers().allValues(name);
            headers.put(name, values.isEmpty() ? null : String.join(", ", values));
        }
        return headers;
    }

    private static byte[] read(InputStream body) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY / (1024 * 1024) + " MB");
            }
            return bytes;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI resolve(URI base, String location) throws IOException {
        try {
            URI target = base.resolve(location.trim());
            String scheme = target.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IOException("redirect to a non-http URL: " + location);
            }
            return target;
        } catch (IllegalArgumentException e) {
            throw new IOException("redirect to an invalid URL: " + location, e);
        }
    }
}
