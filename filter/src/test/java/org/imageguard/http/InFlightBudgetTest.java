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
    void aReservationThatWaitsWithoutAThreadIsToldOnTheThreadThatGivesRoomBack() {
        InFlightBudget budget = new InFlightBudget(100);
        List<String> told = new ArrayList<>();
        budget.reserveLater(100, Duration.ZERO, granted -> told.add("first " + granted));
        assertThat(told).as("room now: told at once, on this thread").containsExactly("first true");

        budget.reserveLater(60, Duration.ofMinutes(1), granted -> told.add("second " + granted + " on "
                + Thread.currentThread().getName()));
        budget.reserveLater(30, Duration.ofMinutes(1), granted -> told.add("third " + granted));
        assertThat(told).as("no room: both wait, and this call returned without waiting").hasSize(1);
        assertThat(budget.waitingCount()).isEqualTo(2);
        assertThat(budget.waitedCount()).isEqualTo(2);

        budget.release(100);

        assertThat(told).containsExactly("first true", "second true on " + Thread.currentThread().getName(),
                "third true");
        assertThat(budget.reserved()).isEqualTo(90);
        assertThat(budget.waitingCount()).isZero();
        assertThat(budget.refusedCount()).isZero();
    }

    @Test
    void waitingReservationsAreGrantedOldestFirstAmongThoseThatFit() {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(100)).isTrue();
        List<String> told = new ArrayList<>();
        budget.reserveLater(80, Duration.ofMinutes(1), granted -> told.add("80"));
        budget.reserveLater(50, Duration.ofMinutes(1), granted -> told.add("50"));
        budget.reserveLater(20, Duration.ofMinutes(1), granted -> told.add("20"));

        budget.release(100);

        assertThat(told).as("80 first, then 20 fits beside it; 50 does not").containsExactly("80", "20");
        assertThat(budget.waitingCount()).isEqualTo(1);
        budget.release(80);
        assertThat(told).containsExactly("80", "20", "50");
        assertThat(budget.reserved()).isEqualTo(70);
    }

    @Test
    void aReservationThatWaitsWithoutAThreadGivesUpAfterItsPatienceAndIsCountedRefused() throws Exception {
        InFlightBudget budget = new InFlightBudget(100);
        assertThat(budget.tryReserve(100)).isTrue();
        CompletableFuture<Boolean> told = new CompletableFuture<>();
        budget.reserveLater(1, Duration.ofMillis(1), told::complete);

        assertThat(told.get(1, TimeUnit.MINUTES)).isFalse();
        assertThat(budget.refusedCount()).isEqualTo(1);
        assertThat(budget.waitingCount()).isZero();
        budget.release(100);
        assertThat(budget.reserved()).as("nothing granted to a reservation that gave up").isZero();

        List<Boolean> atOnce = new ArrayList<>();
        assertThat(budget.tryReserve(100)).isTrue();
        budget.reserveLater(1, Duration.ZERO, atOnce::add);
        assertThat(atOnce).as("no patience: refused at once").containsExactly(false);
        assertThat(budget.refusedCount()).isEqualTo(2);
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new InFlightBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBudget(10).tryReserve(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBudget(10).release(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new InFlightBudget(10).reserveLater(-1, Duration.ZERO, granted -> { }))
                .isInstanceOf(IllegalArgumentException.class);
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
