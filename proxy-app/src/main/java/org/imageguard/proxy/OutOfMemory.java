package org.imageguard.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that the process ran out of memory, wherever it happened: a request, a write to a client, any thread.
 * After the first OutOfMemoryError the heap's state is anybody's guess (a half-built cache entry, a thread that
 * died holding a lock), so {@code /healthz} answers 503 from then on and the orchestrator replaces the process. The
 * proxy does not exit by itself: requests in flight still finish. For an immediate exit, run the JVM with
 * {@code -XX:+ExitOnOutOfMemoryError} (the Docker image does).
 *
 * <pre>{@code
 * OutOfMemory oom = new OutOfMemory(registry);
 * oom.installUncaughtHandler();
 * try { ... } catch (Throwable t) { oom.recordIfCausedBy(t); }
 * boolean healthy = !oom.happened();
 * }</pre>
 */
final class OutOfMemory {

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemory.class);

    private final AtomicBoolean happened = new AtomicBoolean();
    private final Counter count;

    OutOfMemory(MeterRegistry registry) {
        count = Counter.builder("imageguard.out.of.memory")
                .description("OutOfMemoryErrors seen (heap or direct); /healthz answers 503 after the first")
                .register(registry);
    }

    /** Records {@code failure} if an OutOfMemoryError is anywhere in its cause chain; true if so. */
    boolean recordIfCausedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                count.increment();
                if (happened.compareAndSet(false, true)) {
                    // One line, once: the process is unhealthy from here on, and the log must say why.
                    LOG.error("out of memory ({}): /healthz now answers 503 so that this process is replaced",
                            oom.getMessage());
                }
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    boolean happened() {
        return happened.get();
    }

    /** Threads outside the request path (cache maintenance, the config watcher) count too. */
    void installUncaughtHandler() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            recordIfCausedBy(failure);
            if (previous != null) {
                previous.uncaughtException(thread, failure);
            } else {
                LOG.error("uncaught failure in thread {}", thread.getName(), failure);
            }
        });
    }
}
