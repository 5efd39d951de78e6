package org.imageguard.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes that all requests of one pipeline may hold buffered at once (memory is bounded; docs/configuration.md). A
 * candidate reserves what it may buffer before it holds a byte; when the budget is spent it does not wait but streams
 * through untouched ({@code X-ImageGuard: bypass;reason=busy}), so load beyond the budget costs protection of those
 * responses, never an OutOfMemoryError. Non-blocking and thread-safe.
 *
 * <pre>{@code
 * InFlightBudget budget = new InFlightBudget(64L << 20);
 * if (budget.tryReserve(length)) {
 *     try { buffer(length); } finally { budget.release(length); }
 * } else {
 *     streamUntouched();
 * }
 * }</pre>
 *
 * A single reservation larger than the whole budget is granted only while nothing else is reserved, so a budget
 * smaller than one image slows such images down to one at a time instead of refusing them forever.
 */
public final class InFlightBudget {

    /** The share of the heap in-flight bodies may take by default; the rest is the cache's and the JVM's. */
    static final int HEAP_DIVISOR = 4;

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    public InFlightBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the in-flight budget must be at least 1 byte, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** A quarter of the maximum heap, but at least one {@code minimum} (one image of {@code max-image-size}). */
    public static InFlightBudget fromHeap(long minimum) {
        return new InFlightBudget(Math.max(Runtime.getRuntime().maxMemory() / HEAP_DIVISOR, Math.max(1, minimum)));
    }

    /** Reserves {@code bytes} if they fit now; false (and counted) when the budget is spent. Never waits. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        while (true) {
            long used = reserved.get();
            boolean fits = used + bytes <= capacity || used == 0;
            if (!fits) {
                refused.increment();
                return false;
            }
            if (reserved.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    /** Gives back a reservation made by {@link #tryReserve}; call exactly once per granted reservation. */
    public void release(long bytes) {
        long after = reserved.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("released more than was reserved (" + after + " bytes)");
        }
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes reserved right now. */
    public long reserved() {
        return reserved.get();
    }

    /** Reservations refused since start-up: responses streamed with {@code bypass;reason=busy}. */
    public long refusedCount() {
        return refused.sum();
    }

    @Override
    public String toString() {
        return "InFlightBudget[capacity=" + capacity + ", reserved=" + reserved.get() + "]";
    }
}
