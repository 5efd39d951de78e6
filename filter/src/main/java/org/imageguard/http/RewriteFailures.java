package org.imageguard.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Ticker;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrite failures: counted by reason for metrics, and logged with the URL and the reason at most once per URL and
 * reason per {@link #LOG_INTERVAL} (the next line says how many were left out), so a hot corrupt image cannot flood
 * the log. Bad input ({@link ImageFormatException}) is expected on the open web and logged without a stack trace;
 * anything else is a bug and gets one.
 *
 * <pre>{@code
 * failures.record("/img/a.jpg", e);
 * failures.byReason(); // {invalid-image=1}
 * }</pre>
 */
public final class RewriteFailures {

    private static final Logger LOG = LoggerFactory.getLogger(RewriteFailures.class);

    /** One line per URL and reason per interval. */
    public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    /** Distinct URL and reason pairs tracked per interval; beyond them, one line for all the others. */
    static final int MAX_TRACKED = 1000;

    private final Map<Kind, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LogThrottle throttle;

    /** Throttled by the system clock. */
    public RewriteFailures() {
        this(Ticker.systemTicker());
    }

    /** Throttled by this clock (the cache's, so tests drive both with one fake ticker). */
    public RewriteFailures(Ticker ticker) {
        this.throttle = new LogThrottle(ticker, LOG_INTERVAL, MAX_TRACKED);
    }

    /** A failure's sniffed image format ({@code jpeg}, {@code png}, ...) and reason word. */
    public record Kind(String format, String reason) implements Comparable<Kind> {
        @Override
        public int compareTo(Kind other) {
            int byFormat = format.compareTo(other.format);
            return byFormat != 0 ? byFormat : reason.compareTo(other.reason);
        }
    }

    /** Logs and counts one failure of an image of unknown format; returns its reason word. */
    public String record(String url, Throwable cause) {
        return record(url, ImageFormat.UNKNOWN, cause);
    }

    /** Logs and counts one failure; returns its reason word. */
    public String record(String url, ImageFormat format, Throwable cause) {
        String reason = reasonOf(cause);
        byKind.computeIfAbsent(new Kind(format.name().toLowerCase(Locale.ROOT), reason), k -> new LongAdder())
                .increment();
        long left = throttle.admit(url + " " + reason);
        if (left < 0) {
            return reason;
        }
        String repeats = throttle.leftOut(left);
        if (cause instanceof ImageFormatException) {
            LOG.warn("image rewrite failed for {}: {} ({}){}", url, reason, cause.getMessage(), repeats);
        } else {
            LOG.error("image rewrite failed for {}: {}{}", url, reason, repeats, cause);
        }
        return reason;
    }

    static String reasonOf(Throwable cause) {
        if (cause instanceof ImageFormatException) {
            return "invalid-image";
        }
        if (cause instanceof TransformLimiter.TransformInterruptedException) {
            return "interrupted";
        }
        return "internal";
    }

    public long total() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts by reason, sorted by reason. */
    public Map<String, Long> byReason() {
        Map<String, Long> counts = new TreeMap<>();
        byKind.forEach((kind, count) -> counts.merge(kind.reason(), count.sum(), Long::sum));
        return counts;
    }

    /** Counts by format and reason, sorted. */
    public Map<Kind, Long> byKind() {
        Map<Kind, Long> counts = new TreeMap<>();
        byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }
}
