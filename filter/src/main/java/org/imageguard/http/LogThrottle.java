package org.imageguard.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * At most one log line per key per interval: the first occurrence is logged, the repeats are counted, and the next
 * line after the interval says how many were left out. Used by the pipeline (rewrite failures) and the proxy (dead
 * origins). Keys are bounded: beyond {@code maxKeys} distinct ones in an
 * interval, new keys share one overflow key, so a client asking for endless distinct URLs cannot grow the map or the
 * log without bound.
 *
 * <pre>{@code
 * LogThrottle throttle = new LogThrottle(ticker, Duration.ofMinutes(1), 1000);
 * long left = throttle.admit("/a.png invalid-image"); // 0: log it; -1: do not; n > 0: log it, n were left out
 * }</pre>
 */
public final class LogThrottle {

    /** The key all keys beyond {@code maxKeys} share until the map is swept. */
    static final String OVERFLOW = "(other images)";

    private record Window(long startNanos, AtomicLong suppressed) {
    }

    private final Ticker ticker;
    private final long intervalNanos;
    private final int maxKeys;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Ticker ticker, Duration interval, int maxKeys) {
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
        this.maxKeys = maxKeys;
    }

    /**
     * Whether to log this occurrence of {@code key}: -1 for no (it is counted), otherwise the number of occurrences
     * left out since the last line for this key.
     */
    public long admit(String key) {
        long now = ticker.read();
        if (windows.size() >= maxKeys && !windows.containsKey(key)) {
            windows.values().removeIf(w -> now - w.startNanos() >= intervalNanos);
            if (windows.size() >= maxKeys) {
                key = OVERFLOW;
            }
        }
        Window fresh = new Window(now, new AtomicLong());
        Window window = windows.putIfAbsent(key, fresh);
        if (window == null) {
            return 0;
        }
        if (now - window.startNanos() < intervalNanos) {
            window.suppressed().incrementAndGet();
            return -1;
        }
        if (!windows.replace(key, window, fresh)) {
            return admit(key); // another thread opened the next window first
        }
        return window.suppressed().get();
    }

    /** What to append to a line {@link #admit} let through: how many like it were left out, if any. */
    public String leftOut(long count) {
        return count <= 0 ? "" : " [" + count + " more like it in the last " + Duration.ofNanos(intervalNanos)
                .toSeconds() + " s not logged]";
    }
}
