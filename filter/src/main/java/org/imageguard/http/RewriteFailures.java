package org.imageguard.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.imageguard.engine.ImageFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrite failures: each one logged once, with the URL and the reason, and counted by reason for metrics.
 * Bad input ({@link ImageFormatException}) is expected on the open web and logged without a stack trace; anything
 * else is a bug and gets one.
 *
 * <pre>{@code
 * failures.record("/img/a.jpg", e);
 * failures.byReason(); // {invalid-image=1}
 * }</pre>
 */
public final class RewriteFailures {

    private static final Logger LOG = LoggerFactory.getLogger(RewriteFailures.class);

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    /** Logs and counts one failure; returns its reason word. */
    public String record(String url, Throwable cause) {
        String reason = reasonOf(cause);
        byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        if (cause instanceof ImageFormatException) {
            LOG.warn("image rewrite failed for {}: {} ({})", url, reason, cause.getMessage());
        } else {
            LOG.error("image rewrite failed for {}: {}", url, reason, cause);
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
        return byReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts by reason, sorted by reason. */
    public Map<String, Long> byReason() {
        Map<String, Long> counts = new TreeMap<>();
        byReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }
}
