package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.imageguard.config.Policy;
import org.imageguard.config.WatermarkPosition;
import org.imageguard.config.WatermarkSettings;
import org.junit.jupiter.api.Test;

class TransformLimiterTest {

    private static Policy watermarked() {
        Policy d = Policy.DEFAULTS;
        return new Policy(d.protection(), d.optimize(),
                new WatermarkSettings(true, "© me", WatermarkPosition.CENTER, 0.5, 10), d.hotlink(), d.aiCrawlers(),
                d.limits());
    }

    @Test
    void onlyPixelWorkIsHeavy() {
        assertThat(TransformLimiter.isHeavy(Policy.DEFAULTS)).isFalse();
        assertThat(TransformLimiter.isHeavy(watermarked())).isTrue();
        assertThat(TransformLimiter.isHeavy(CompiledPolicyTest.withWebp())).isTrue();
    }

    @Test
    void metadataSurgeryDoesNotWaitWhileEveryPermitIsTaken() throws Exception {
        TransformLimiter limiter = new TransformLimiter(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread heavy = new Thread(() -> limiter.run(watermarked(), () -> {
            holding.countDown();
            await(release);
            return "heavy";
        }));
        heavy.start();
        holding.await();

        assertThat(limiter.availablePermits()).isZero();
        // Runs on this thread right now: if it waited for the permit, the test would never get past this line.
        assertThat(limiter.run(Policy.DEFAULTS, () -> "light")).isEqualTo("light");

        release.countDown();
        heavy.join();
        assertThat(limiter.availablePermits()).isEqualTo(1);
    }

    @Test
    void aPermitIsReturnedWhenTheWorkFails() {
        TransformLimiter limiter = new TransformLimiter(1);
        assertThatThrownBy(() -> limiter.run(watermarked(), () -> {
            throw new IllegalArgumentException("bad");
        })).hasMessage("bad");
        assertThat(limiter.availablePermits()).isEqualTo(1);
    }

    @Test
    void tryRunRunsOnlyWithAFreePermitAndNeverWaits() {
        TransformLimiter limiter = new TransformLimiter(1);
        List<String> ran = new ArrayList<>();

        // Same thread: a tryRun that waited for the permit the outer run holds would never return.
        limiter.run(watermarked(), () -> {
            assertThat(limiter.tryRun(() -> ran.add("inner"))).isFalse();
            return null;
        });
        assertThat(limiter.tryRun(() -> ran.add("free"))).isTrue();

        assertThat(ran).containsExactly("free");
        assertThat(limiter.availablePermits()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitIsReportedAndTheFlagKept() {
        TransformLimiter limiter = new TransformLimiter(1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> limiter.run(watermarked(), () -> "never"))
                    .isInstanceOf(TransformLimiter.TransformInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void atLeastOnePermit() {
        assertThatThrownBy(() -> new TransformLimiter(0)).hasMessageContaining("at least 1, got 0");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
