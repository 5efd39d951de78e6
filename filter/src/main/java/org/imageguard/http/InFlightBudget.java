package org.imageguard.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.imageguard.config.MemoryBudget;

/**
 * Bytes that all requests of one pipeline may hold buffered at once: memory is bounded by the heap, not by the
 * load. A candidate reserves what it may buffer (its body and the rewritten copy, {@link
 * MemoryBudget#COPIES_PER_IMAGE} times its size) before it holds a byte. When the budget is spent, {@code
 * limits.on-busy} decides: wait for room up to a bound ({@link #reserve}, or {@link #reserveLater} without holding
 * the caller's thread), refuse at once ({@link #tryReserve}), or stream the original (a leak ops must choose). Load
 * beyond the budget costs latency or a 503, never an OutOfMemoryError. Thread-safe.
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
    /** What the callers now waiting in {@link #reserveMore} already hold. */
    private long heldByGrowers;
    /** Reservations waiting for room without a thread ({@link #reserveLater}), oldest first; guarded by the lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
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
     * Reserves {@code bytes} like {@link #reserve}, but a wait holds no thread: {@code then} is told {@code true}
     * once they are reserved, or {@code false} (counted as refused) when {@code patience} ran out first. When they
     * fit now, or the patience is zero, it is told at once on this thread; otherwise later, on the thread whose
     * {@link #release} made the room or on a timer thread of the JDK's, so {@code then} must hand any real work to
     * a thread of its own. Waiting reservations are granted oldest first among those that fit.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public void reserveLater(long bytes, Duration patience, Consumer<Boolean> then) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        Waiter waiter = null;
        boolean granted = false;
        lock.lock();
        try {
            if (fits(bytes)) {
                reserved += bytes;
                granted = true;
            } else if (patience.isNegative() || patience.isZero()) {
                refused.increment();
            } else {
                waiter = new Waiter(bytes, then);
                waiters.add(waiter);
                waited.increment();
            }
        } finally {
            lock.unlock();
        }
        if (waiter == null) {
            then.accept(granted);
            return;
        }
        Waiter expiring = waiter;
        CompletableFuture.delayedExecutor(patience.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                .execute(() -> expire(expiring));
    }

    /** The patience of {@code waiter} ran out: refused, unless it was granted meanwhile. */
    private void expire(Waiter waiter) {
        boolean expired;
        lock.lock();
        try {
            expired = waiters.remove(waiter);
            if (expired) {
                refused.increment();
            }
        } finally {
            lock.unlock();
        }
        if (expired) {
            waiter.then.accept(false);
        }
    }

    /** Reservations that wait for room without a thread ({@link #reserveLater}), now. */
    public int waitingCount() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves {@code bytes} if they fit now, for background work that simply tries again later: a refusal is not
     * counted, since {@link #refusedCount()} tells operators how often requests found the budget spent.
     */
    boolean tryReserveForBackground(long bytes) {
        return reserve(bytes, Duration.ZERO, false);
    }

    /**
     * Adds {@code bytes} to the {@code held} bytes a caller already reserved (a body about to be decoded into
     * pixels), waiting up to {@code patience} as {@link #reserve} does. Besides fitting, the addition is granted
     * when every other byte reserved belongs to callers waiting here too: they cannot give anything back before one
     * of them goes on, so one does (the pixels then go over the capacity, as a single image larger than the budget
     * does); otherwise bodies that all wait for their pixels would hold the budget until every one of them is
     * refused.
     *
     * @return false (and counted as refused) when there is still no room by then
     */
    public boolean reserveMore(long bytes, long held, Duration patience) {
        if (held < 0) {
            throw new IllegalArgumentException("cannot hold " + held + " bytes");
        }
        lock.lock();
        try {
            heldByGrowers += held;
            try {
                return reserve(bytes, patience, true, held);
            } finally {
                heldByGrowers -= held;
                // Waiting growers may now be the only holders left: let them look again.
                released.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean reserve(long bytes, Duration patience, boolean countRefusal) {
        return reserve(bytes, patience, countRefusal, -1);
    }

    /** @param held what a caller growing its reservation already holds; -1 for a new reservation */
    private boolean reserve(long bytes, Duration patience, boolean countRefusal, long held) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        long remaining = patience.toNanos();
        lock.lock();
        try {
            boolean counted = false;
            while (!fits(bytes) && !(held >= 0 && reserved == heldByGrowers)) {
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

    /**
     * Gives back a reservation made by {@link #reserve} or {@link #reserveLater}; call exactly once per granted
     * reservation. Waiting {@link #reserveLater} reservations that now fit are granted, and told so on this thread.
     */
    public void release(long bytes) {
        List<Waiter> granted = List.of();
        lock.lock();
        try {
            reserved -= bytes;
            if (reserved < 0) {
                throw new IllegalStateException("released more than was reserved (" + reserved + " bytes)");
            }
            if (!waiters.isEmpty()) {
                granted = grantWaiters();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
        for (Waiter waiter : granted) {
            waiter.then.accept(true);
        }
    }

    /** Reserves for the waiters that fit now, oldest first; the lock is held. */
    private List<Waiter> grantWaiters() {
        List<Waiter> granted = new ArrayList<>();
        for (var it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (fits(waiter.bytes)) {
                reserved += waiter.bytes;
                it.remove();
                granted.add(waiter);
            }
        }
        return granted;
    }

    /** A {@link #reserveLater} reservation waiting for room; each one is its own (identity, not value). */
    private static final class Waiter {
        final long bytes;
        final Consumer<Boolean> then;

        Waiter(long bytes, Consumer<Boolean> then) {
            this.bytes = bytes;
            this.then = then;
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

    /**
     * Thrown out of a rewrite whose decoded pixels found no room in the budget: the request gets 503 with
     * {@code Retry-After}, whatever {@code limits.on-busy} says, since its body is already held and nothing
     * unprotected may go out instead. Says nothing about the image, so it is not remembered as a failure.
     */
    static final class Spent extends RuntimeException {
        Spent(long bytes, InFlightBudget budget) {
            super("no room for " + bytes + " bytes of decoded pixels in " + budget, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "InFlightBudget[capacity=" + capacity + ", reserved=" + reserved() + "]";
    }
}
