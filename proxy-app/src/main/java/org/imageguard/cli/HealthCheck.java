package org.imageguard.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check: exit 0 when the URL answers 200, 1 otherwise. Runs with the JDK alone, since images
 * built on a bare JRE have no curl.
 *
 * <pre>{@code
 * java -cp imageguard.jar org.imageguard.cli.HealthCheck http://127.0.0.1:8081/healthz
 * }</pre>
 */
public final class HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthCheck() {
    }

    public static void main(String[] args) {
        System.exit(check(args.length > 0 ? args[0] : "http://127.0.0.1:8081/healthz"));
    }

    /** 0 when {@code url} answers 200 within the timeout, 1 for any other status or failure. */
    static int check(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                System.err.println(url + " answered " + status);
            }
            return status == 200 ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(url + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
