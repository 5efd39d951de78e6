package org.imageguard.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.imageguard.http.BypassReason;
import org.imageguard.http.HttpAnswer;
import org.imageguard.http.Outcome;

/**
 * What each request came to, counted by the adapter that answered it (the proxy's handler, the servlet filter):
 * {@code imageguard_requests_total} by outcome and reason, the engine's time per rewrite and the bytes it saved,
 * hotlink denials, responses cut off while written.
 *
 * <pre>{@code
 * RequestMeters meters = new RequestMeters(registry);
 * meters.request(answer.outcome());         // imageguard_requests_total{outcome="bypass",reason="too-large"}
 * meters.request("origin_error");            // a failure before any answer
 * meters.rewritten(answer, originalLength, nanos);  // a miss: imageguard_rewrite_seconds, imageguard_bytes_saved
 * }</pre>
 * Outcomes known in advance start at zero so that dashboards see them; bypass reasons appear with their first use.
 */
public final class RequestMeters implements AutoCloseable {

    /** Outcomes without a reason: the {@code X-ImageGuard} words, untouched responses, failures. */
    public static final List<String> OUTCOMES = List.of("hit", "miss", "pass", "origin_error", "error");

    /** The reason label of outcomes that have none. */
    static final String NO_REASON = "none";

    private static final String BYPASS = "bypass;reason=";

    private final MeterRegistry registry;
    private final Timer rewriteLatency;
    private final Counter bytesSaved;
    private final Counter hotlinkDenials;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();
    private final Map<Outcome, Counter> byOutcome = new ConcurrentHashMap<>();
    private final Counter passed;

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
        OUTCOMES.forEach(outcome -> requests(outcome, NO_REASON));
        passed = requests("pass", NO_REASON);
        rewriteLatency = keep(Timer.builder("imageguard.rewrite")
                .description("Time to rewrite one image (cache misses)").publishPercentileHistogram()
                .register(registry));
        bytesSaved = keep(Counter.builder("imageguard.bytes.saved").baseUnit("bytes")
                .description("Bytes the rewritten images are smaller than the originals").register(registry));
        hotlinkDenials = keep(Counter.builder("imageguard.hotlink.denials")
                .description("Image requests refused as hotlinks").register(registry));
    }

    /**
     * Counts one request by its typed outcome ({@code hit}, {@code miss}, {@code bypass} with its reason,
     * {@code busy}); null is {@code pass} (not ours). A hit counts as a hit whatever its stage: the stage is in the
     * optimizer's own meters. Outcomes are shared instances, so the counter is found without building a meter id.
     */
    public void request(Outcome outcome) {
        if (outcome == null) {
            passed.increment();
            return;
        }
        byOutcome.computeIfAbsent(outcome, o -> requests(o.word(),
                o instanceof Outcome.Bypass bypass ? bypass.reason().word() : NO_REASON)).increment();
        if (outcome instanceof Outcome.Bypass bypass && bypass.reason() == BypassReason.HOTLINK) {
            hotlinkDenials.increment();
        }
    }

    /**
     * Counts one request by what happened to it, for adapters that only have the header text (the servlet filter
     * reads it off the container's response) and for failures before any answer: an {@code X-ImageGuard} value ({@code hit}, {@code miss},
     * {@code bypass;reason=<word>}), or one of {@link #OUTCOMES}; null or empty is {@code pass} (not ours).
     */
    public void request(String outcome) {
        if (outcome == null || outcome.isEmpty()) {
            requests("pass", NO_REASON).increment();
        } else if (outcome.startsWith(BYPASS)) {
            String reason = outcome.substring(BYPASS.length());
            requests("bypass", reason).increment();
            if (reason.equals("hotlink")) {
                hotlinkDenials.increment();
            }
        } else {
            // hit;stage=optimized counts as a hit: the stage is in the optimizer's own meters.
            int parameters = outcome.indexOf(';');
            requests(parameters < 0 ? outcome : outcome.substring(0, parameters), NO_REASON).increment();
        }
    }

    /**
     * The pipeline made {@code answer} from an origin body of {@code originalLength} bytes in {@code nanos}: when
     * the engine ran for it (a miss), its time and what it saved are recorded.
     */
    public void rewritten(HttpAnswer answer, long originalLength, long nanos) {
        if (answer.outcome() instanceof Outcome.Miss) {
            rewriteLatency.record(nanos, TimeUnit.NANOSECONDS);
            bytesSaved.increment(Math.max(0, originalLength - answer.body().length));
        }
    }

    /** Counts a response whose body could not be written to the client ({@code io} or {@code out_of_memory}). */
    public void writeFailed(String cause) {
        keep(Counter.builder("imageguard.write.failures").description("Responses cut off while writing to the client")
                .tag("cause", cause).register(registry)).increment();
    }

    private Counter requests(String outcome, String reason) {
        return keep(Counter.builder("imageguard.requests").description("Requests by outcome")
                .tag("outcome", outcome).tag("reason", reason).register(registry));
    }

    private <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }

    /** Removes these meters from the registry, which may outlive the filter. */
    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }
}
