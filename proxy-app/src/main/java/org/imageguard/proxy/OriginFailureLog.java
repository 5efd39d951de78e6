package org.imageguard.proxy;

import java.time.Duration;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Ticker;
import org.imageguard.http.LogThrottle;
import org.slf4j.Logger;

/**
 * Failed origin requests, logged at most once a minute per origin and reason: a dead origin under load would
 * otherwise write a line per request. The next line after the minute says how many were left out; every failure is
 * still counted in {@code imageguard_requests_total{outcome="origin_error"}}.
 *
 * <pre>{@code
 * OriginFailureLog failures = new OriginFailureLog(LOG, Ticker.systemTicker());
 * failures.warn(upstream, "unreachable", "origin {} unreachable: {}", upstream, cause);
 * // origin http://10.0.0.5 unreachable: java.net.ConnectException [41 more like it in the last 60 s not logged]
 * }</pre>
 */
final class OriginFailureLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Origins are few (one upstream), reasons fewer: the bound only guards against a surprise. */
    private static final int MAX_KEYS = 100;

    private final Logger log;
    private final LogThrottle throttle;

    OriginFailureLog(Logger log, Ticker ticker) {
        this.log = log;
        this.throttle = new LogThrottle(ticker, INTERVAL, MAX_KEYS);
    }

    /** Logs {@code format} with {@code arguments} unless a line for this origin and reason went out this minute. */
    void warn(String origin, String reason, String format, Object... arguments) {
        long leftOut = throttle.admit(origin + " " + reason);
        if (leftOut < 0) {
            return;
        }
        Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
        withCount[arguments.length] = throttle.leftOut(leftOut);
        log.warn(format + "{}", withCount);
    }
}
