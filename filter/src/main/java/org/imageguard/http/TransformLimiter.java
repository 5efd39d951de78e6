package org.imageguard.http;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.imageguard.config.Policy;
import org.imageguard.engine.pixels.PixelStage;

/**
 * Caps CPU-heavy transforms ({@code limits.transform-concurrency}): decoding pixels (resize, lossy, WebP) or drawing
 * a watermark waits for one of the permits. Metadata surgery runs at memory speed and never waits, so a queue of
 * heavy images cannot delay the plain ones. Background recompression takes the same permits, but only one that is
 * free at that moment ({@link #tryRun}), so requests and background jobs together never decode more images at once
 * than there are permits, and a background job never stands in line ahead of a visitor.
 *
 * <pre>{@code
 * TransformLimiter limiter = new TransformLimiter(4);
 * RewriteResult result = limiter.run(policy, () -> rewriter.rewrite(body, policy));
 * }</pre>
 */
public final class TransformLimiter {

    private final Semaphore permits;
    private final int size;

    public TransformLimiter(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("transform-concurrency must be at least 1, got " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.size = permits;
    }

    /** Whether serving under this policy decodes pixels (the pixel stage's own test), and so must wait for a permit. */
    public static boolean isHeavy(Policy policy) {
        return PixelStage.wanted(policy);
    }

    /**
     * Runs the work, first waiting for a permit when the policy makes it heavy.
     *
     * @throws TransformInterruptedException when the thread is interrupted while waiting (the flag is restored)
     */
    public <T> T run(Policy policy, Supplier<T> work) {
        if (!isHeavy(policy)) {
            return work.get();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformInterruptedException();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /**
     * Runs the work if a permit is free right now and returns true; returns false at once, without running it,
     * when none is. For work that can simply be tried again later.
     */
    boolean tryRun(Runnable work) {
        if (!permits.tryAcquire()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            permits.release();
        }
    }

    public int availablePermits() {
        return permits.availablePermits();
    }

    @Override
    public String toString() {
        return "TransformLimiter[permits=" + size + "]";
    }

    /** The request thread was interrupted while waiting for a transform slot. */
    public static final class TransformInterruptedException extends RuntimeException {
        TransformInterruptedException() {
            super("interrupted while waiting for a transform slot");
        }
    }
}
