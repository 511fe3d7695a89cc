package io.ferstream.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    private static final long BOUND = 1_000;
    private static final long BUDGET = 100;

    @Test
    void shouldCollectOnTheCallingThreadOnlyAboveTheBound() {
        AtomicLong resident = new AtomicLong(BOUND);
        AtomicReference<Thread> collectedOn = new AtomicReference<>();
        NativeMemoryGuard guard = new NativeMemoryGuard(BOUND, BUDGET, resident::get, () -> 0,
                () -> collectedOn.set(Thread.currentThread()));

        guard.collectIfOver();
        assertThat(collectedOn.get()).as("at the bound: no collection").isNull();

        resident.set(BOUND + 1);
        guard.collectIfOver();
        assertThat(collectedOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void shouldCollectInTheBackgroundWithoutBlockingOnceTheGarbagePassesTheBudgetAndDropRequestsWhileOneIsPending() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger collections = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        NativeMemoryGuard guard = new NativeMemoryGuard(BOUND, BUDGET, () -> 0, () -> 0, () -> {
            thread.set(Thread.currentThread().getName());
            collections.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS); // a slow concurrent cycle
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(guard.countGarbage(60)).isFalse();
        assertThat(guard.countGarbage(40)).as("exactly the budget: not yet").isFalse();
        assertThat(guard.countGarbage(1)).as("past it: asked, and the caller returns while it runs").isTrue();
        assertThat(guard.pending()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> collections.get() == 1);
        assertThat(thread.get()).isEqualTo("native-memory-gc");
        assertThat(guard.countGarbage(BUDGET + 1)).as("dropped: one is pending").isFalse();

        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !guard.pending());
        assertThat(guard.countGarbage(BUDGET)).as("the count restarted at the last request").isFalse();
        assertThat(guard.countGarbage(1)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> collections.get() == 2 && !guard.pending());
        assertThat(collections.get()).isEqualTo(2);
    }

    @Test
    void shouldRestartTheCountAfterAnyCollectionTheJvmRanOnItsOwn() {
        AtomicLong jvmCollections = new AtomicLong(7);
        AtomicInteger requested = new AtomicInteger();
        NativeMemoryGuard guard = new NativeMemoryGuard(BOUND, BUDGET, () -> 0, jvmCollections::get,
                requested::incrementAndGet);

        assertThat(guard.countGarbage(90)).isFalse();
        jvmCollections.incrementAndGet(); // e.g. a young collection: it freed the 90 counted so far
        assertThat(guard.countGarbage(90)).as("90 since the collection, not 180").isFalse();
        assertThat(guard.countGarbage(11)).as("101 since the collection").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requested.get() == 1 && !guard.pending());
    }
}
