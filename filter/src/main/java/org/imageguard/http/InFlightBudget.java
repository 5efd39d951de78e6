package org.imageguard.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.LongAdder;

import org.imageguard.config.MemoryBudget;

/**
 * Bytes that all requests of one pipeline may hold buffered at once: memory is bounded by the heap, not by the
 * load. A candidate reserves what it may buffer (its body and the rewritten copy, {@link
 * MemoryBudget#COPIES_PER_IMAGE} times its size) before it holds a byte. When the budget is spent, {@code
 * limits.on-busy} decides: wait for room up to a bound ({@link #reserve}), refuse at once ({@link #tryReserve}),
 * or stream the original (a leak ops must choose). Load beyond the budget costs latency or a 503, never an
 * OutOfMemoryError. Thread-safe.
 *
 * <pre>{@code
 * InFlightBudget budget = new InFlightBudget(64L << 20);
 * if (budget.reserve(length, Duration.ofSeconds(10))) {
 *     try { buffer(length); } finally { budget.release(length); }
 * } else {
 *     answer503();
 * }
 * }</pre>
 *
 * A single reservation larger than the whole budget is granted only while nothing else is reserved, so a budget
 * smaller than one image slows such images down to one at a time instead of refusing them forever.
 */
public final class InFlightBudget {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long reserved;
    private final LongAdder refused = new LongAdder();
    private final LongAdder waited = new LongAdder();

    public InFlightBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the in-flight budget must be at least 1 byte, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The in-flight share of {@code budget}: a quarter of the heap, at least one largest image twice over. */
    public static InFlightBudget of(MemoryBudget budget) {
        return new InFlightBudget(budget.inFlightBytes());
    }

    /** Reserves {@code bytes} if they fit now; false (and counted) when the budget is spent. Never waits. */
    public boolean tryReserve(long bytes) {
        return reserve(bytes, Duration.ZERO);
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code patience} for other requests to give back enough; false (and
     * counted as refused) when there is still no room by then.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public boolean reserve(long bytes, Duration patience) {
        return reserve(bytes, patience, true);
    }

    /**
     * Reserves {@code bytes} if they fit now, for background work that simply tries again later: a refusal is not
     * counted, since {@link #refusedCount()} tells operators how often requests found the budget spent.
     */
    boolean tryReserveForBackground(long bytes) {
        return reserve(bytes, Duration.ZERO, false);
    }

    private boolean reserve(long bytes, Duration patience, boolean countRefusal) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        long remaining = patience.toNanos();
        lock.lock();
        try {
            boolean counted = false;
            while (!fits(bytes)) {
                if (remaining <= 0) {
                    if (countRefusal) {
                        refused.increment();
                    }
                    return false;
                }
                if (!counted) {
                    waited.increment();
                    counted = true;
                }
                try {
                    remaining = released.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    refused.increment();
                    return false;
                }
            }
            reserved += bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes) {
        return reserved + bytes <= capacity || reserved == 0;
    }

    /** Gives back a reservation made by {@link #reserve}; call exactly once per granted reservation. */
    public void release(long bytes) {
        lock.lock();
        try {
            reserved -= bytes;
            if (reserved < 0) {
                throw new IllegalStateException("released more than was reserved (" + reserved + " bytes)");
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes reserved right now. */
    public long reserved() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /** Reservations refused since start-up (after waiting, when waiting was asked for). */
    public long refusedCount() {
        return refused.sum();
    }

    /** Reservations that had to wait for room since start-up, granted in the end or not. */
    public long waitedCount() {
        return waited.sum();
    }

    @Override
    public String toString() {
        return "InFlightBudget[capacity=" + capacity + ", reserved=" + reserved() + "]";
    }
}
