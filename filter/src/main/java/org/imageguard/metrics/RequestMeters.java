package org.imageguard.metrics;

import java.util.EnumMap;
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
 * meters.failed(Failure.ORIGIN);              // imageguard_requests_total{outcome="origin_error",reason="none"}
 * meters.rewritten(answer, originalLength, nanos);  // a miss: imageguard_rewrite_seconds, imageguard_bytes_saved
 * }</pre>
 * Outcomes known in advance start at zero so that dashboards see them; bypass reasons appear with their first use.
 */
public final class RequestMeters implements AutoCloseable {

    /** Outcomes without a reason: the {@code X-ImageGuard} words, untouched responses, failures. */
    public static final List<String> OUTCOMES = List.of("hit", "miss", "pass", "origin_error", "error");

    /** The reason label of outcomes that have none. */
    static final String NO_REASON = "none";

    /** A request that failed before ImageGuard had an answer for it: the {@code outcome} label it counts under. */
    public enum Failure {
        /** The origin could not be reached, did not answer in time or broke off (502, 504). */
        ORIGIN("origin_error"),
        /** Something failed in ImageGuard or the application behind the filter (500, or 503 out of memory). */
        INTERNAL("error");

        private final String label;

        Failure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final MeterRegistry registry;
    private final Timer rewriteLatency;
    private final Counter bytesSaved;
    private final Counter hotlinkDenials;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();
    private final Map<Outcome, Counter> byOutcome = new ConcurrentHashMap<>();
    private final Counter passed;
    private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
        OUTCOMES.forEach(outcome -> requests(outcome, NO_REASON));
        passed = requests("pass", NO_REASON);
        for (Failure failure : Failure.values()) {
            failures.put(failure, requests(failure.label(), NO_REASON));
        }
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

    /** Counts one request that failed before any answer of ImageGuard's. */
    public void failed(Failure failure) {
        failures.get(failure).increment();
    }

    /**
     * The pipeline made {@code answer} from an origin body of {@code originalLength} bytes in {@code nanos}: when
     * the engine ran for it (a miss), its time and what it saved are recorded.
     */
    public void rewritten(HttpAnswer answer, long originalLength, long nanos) {
        if (answer.outcome() instanceof Outcome.Miss) {
            rewriteLatency.record(nanos, TimeUnit.NANOSECONDS);
            bytesSaved.increment(Math.max(0, originalLength - answer.bodyLength()));
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
