package io.ferstream.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    private static final long BOUND = 1_000;

    @Test
    void shouldCollectOnTheCallingThreadOnlyAboveTheBound() {
        AtomicLong resident = new AtomicLong(BOUND);
        AtomicReference<Thread> collectedOn = new AtomicReference<>();
        NativeMemoryGuard guard = new NativeMemoryGuard(BOUND, resident::get,
                () -> collectedOn.set(Thread.currentThread()));

        guard.collectIfOver();
        assertThat(collectedOn.get()).as("at the bound: no collection").isNull();

        resident.set(BOUND + 1);
        guard.collectIfOver();
        assertThat(collectedOn.get()).isSameAs(Thread.currentThread());
    }
}
