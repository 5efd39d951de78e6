package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.MemoryBudget;

import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

    @Test
    void reservationsUpToTheCapacityAreGrantedAndReleasingMakesRoomAgain() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(40)).isTrue();
        assertThat(budget.reserved()).isEqualTo(100);

        budget.release(40);
        assertThat(budget.tryReserve(30)).isTrue();
        assertThat(budget.reserved()).isEqualTo(90);
    }

    @Test
    void growingAReservationNeedsRoomWhileAnotherHolderIsStillWorking() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(40)).as("a request writing its answer").isTrue();
        assertThat(budget.tryReserve(40)).as("mine").isTrue();

        assertThat(budget.reserveMore(30, 40, Duration.ZERO)).isFalse();
        assertThat(budget.reserveMore(20, 40, Duration.ZERO)).isTrue();
        assertThat(budget.reserved()).isEqualTo(100);
        assertThat(budget.refusedCount()).isEqualTo(1);
    }

    @Test
    void whenEveryHolderWaitsToGrowOneGoesOnAndTheNextWhenItIsDone() throws Exception {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(50)).isTrue();
        assertThat(budget.tryReserve(50)).isTrue();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = other.submit(() -> budget.reserveMore(500, 50, Duration.ofMinutes(5)));
            while (budget.waitedCount() == 0) {
                Thread.onSpinWait(); // until the first grower waits: an ordering, not a timing
            }

            assertThat(budget.reserveMore(500, 50, Duration.ZERO)).as("both bodies wait for pixels: one goes on")
                    .isTrue();
            assertThat(first.isDone()).as("the other still waits").isFalse();
            budget.release(550);

            assertThat(first.get(1, TimeUnit.MINUTES)).isTrue();
            assertThat(budget.reserved()).isEqualTo(550);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void anExhaustedBudgetRefusesAndCountsTheRefusal() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(80)).isTrue();

        assertThat(budget.tryReserve(21)).isFalse();
        assertThat(budget.reserved()).as("a refusal reserves nothing").isEqualTo(80);
        assertThat(budget.refusedCount()).isEqualTo(1);
        assertThat(budget.tryReserve(20)).isTrue();
    }

    @Test
    void aReservationLargerThanTheBudgetIsGrantedOnlyWhenNothingElseIsHeld() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(1)).isTrue();
        assertThat(budget.tryReserve(500)).isFalse();
        budget.release(1);

        assertThat(budget.tryReserve(500)).isTrue();
        assertThat(budget.tryReserve(1)).as("the lone big one fills the budget").isFalse();
    }

    @Test
    void theHeapDefaultIsAQuarterOfTheHeapButAtLeastOneImageTwiceOver() {
        long heap = 256L << 20;
        assertThat(InFlightBudget.of(MemoryBudget.of(CacheSettings.DEFAULTS, 1, heap)).capacity())
                .isEqualTo(heap / 4);
        assertThat(InFlightBudget.of(MemoryBudget.of(CacheSettings.DEFAULTS, heap, heap)).capacity())
                .as("the body and its rewritten copy").isEqualTo(2 * heap);
    }

    @Test
    void aWaitingReservationIsGrantedWhenAnotherIsGivenBack() throws Exception {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(100)).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> budget.reserve(60, Duration.ofMinutes(1)));
        while (budget.waitedCount() == 0) {
            Thread.onSpinWait(); // until the second one is waiting, not a timing assumption
        }
        assertThat(waiting).isNotDone();
        budget.release(100);
        assertThat(waiting.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(budget.reserved()).isEqualTo(60);
        assertThat(budget.refusedCount()).isZero();
    }

    @Test
    void aWaitingReservationGivesUpAfterItsPatienceAndIsCountedRefused() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(100)).isTrue();
        assertThat(budget.reserve(1, Duration.ofMillis(1))).isFalse();
        assertThat(budget.refusedCount()).isEqualTo(1);
        assertThat(budget.reserved()).isEqualTo(100);
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new InFlightBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBudget(10).tryReserve(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBudget(10).release(1)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Eight threads, started together by a latch, each try to hold 30 bytes of a 100-byte budget and keep them until
     * every thread has tried: exactly three can be granted, and the total held never passes the capacity.
     */
    @Test
    void concurrentThreadsNeverHoldMoreThanTheBudget() throws Exception {
        InFlightBudget budget = new InFlightBudget(100);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(threads);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    boolean ok = budget.tryReserve(30);
                    long held = budget.reserved();
                    tried.countDown();
                    if (ok) {
                        granted.incrementAndGet();
                        tried.await(); // hold the reservation until everyone has tried
                        budget.release(30);
                    }
                    return held;
                }));
            }
            start.countDown();
            for (Future<Long> held : seen) {
                assertThat(held.get(10, TimeUnit.SECONDS)).isBetween(0L, 100L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted).hasValue(3);
        assertThat(budget.refusedCount()).isEqualTo(threads - 3);
        assertThat(budget.reserved()).isZero();
    }
}
