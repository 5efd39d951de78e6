package org.imageguard.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.http.ImageRewriter;

/**
 * The real engine behind a gate, so a test can keep one request in flight: while holding, a rewrite says it has
 * started and waits until the test releases it. Waits are bounded (10 s) and end the rewrite with an exception.
 *
 * <pre>{@code
 * HeldRewriter engine = new HeldRewriter(true);
 * client.sendAsync(firstImage);  // its rewrite stops at the gate
 * engine.awaitEntered();
 * ...                            // meanwhile, the first request holds its resources
 * engine.release();
 * }</pre>
 */
public final class HeldRewriter implements ImageRewriter {

    private static final long WAIT_SECONDS = 10;

    private final ImageGuardEngine engine = new ImageGuardEngine();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    public HeldRewriter(boolean holding) {
        this.holding = holding;
    }

    /** From now on, rewrites stop at the gate (until {@link #release()}). */
    public void hold() {
        holding = true;
    }

    /** Waits until a rewrite has reached the gate. */
    public void awaitEntered() {
        await(entered, "no rewrite reached the gate");
    }

    /** Opens the gate for the waiting rewrite and every later one. */
    public void release() {
        released.countDown();
    }

    @Override
    public RewriteResult rewrite(byte[] body, Policy policy) {
        if (holding) {
            entered.countDown();
            await(released, "the test never released the engine");
        }
        return engine.rewrite(body, policy);
    }

    private static void await(CountDownLatch latch, String timeout) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
