package io.ferstream.model.runtime;

import io.ferstream.common.concurrent.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the native memory of SameDiff execution bounded: the one place in FerStream that asks the JVM for a GC.
 *
 * <p>Why it is needed: with its execution cache off (required on the oneDNN binary, see {@code SameDiffNets}), ND4J
 * 1.0.0-M2.1's SameDiff allocates every activation and gradient afresh, off the Java heap, and frees it only when the
 * Java object holding it is collected. A small heap sees no pressure, so without help a process grows by the
 * activations of every call (a training run reached 24 GB in 15 steps, a release evaluation was killed for memory).
 * The guard collects once the resident set passes the heap's maximum plus 2 GiB ({@link #BOUND}): every call for big
 * nets, every few dozen for small ones.
 *
 * <p>Two ways to ask:
 * <ul>
 *   <li>{@link #check()} collects on the calling thread once the resident set passes {@link #BOUND}: training and
 *       offline evaluation, where the next step would allocate as much again and must wait for the memory.</li>
 *   <li>{@link #addGarbage(long)} counts the garbage serving passes left behind since the JVM's last collection of
 *       any kind and, once it passes {@link #GARBAGE_BUDGET}, asks a thread of its own to collect, and returns at
 *       once. Why since any collection: the owners of a pass's activations die with the pass, so a young collection
 *       frees them; in the classifier benchmark the JVM ran ~3 young collections a second of its own, and counting
 *       from the last requested one alone asked for ~1 concurrent cycle a second (924 in 16 minutes, 13-15 % of the
 *       CPU in GC threads). Counting from any collection, only long passes (batches of 128-256, whose owners can
 *       outlive a young collection) still ask, and the GC threads' CPU per crop fell from ~0.6 ms to 0.04-0.22 ms at
 *       8-64 crops per batch, the resident set peaking at 2.9-3.85 GB (2026-11-30, docs/classifier.md). Why not on the
 *       calling thread: with G1 and
 *       {@code -XX:+ExplicitGCInvokesConcurrent} (bin/ferstream's default) {@code System.gc()} returns only when the
 *       concurrent cycle it starts has ended, 85-117 ms in the classifier benchmark, and every crop arriving
 *       meanwhile waited behind the stalled inference thread. A request while one is pending is dropped.</li>
 * </ul>
 *
 * <p>Why a budget of garbage and not the resident size when serving (both tried in the classifier benchmark,
 * 2026-11-30): a collection frees the activations but malloc keeps most of their pages, so the resident set hardly
 * falls. Above a fixed bound every pass asked again (2,173 back-to-back concurrent cycles in five minutes); asking
 * after each 1 GiB of growth let the process reach 7-12.7 GB resident with -Xmx3g (likely because the owners of
 * activations that outlive a young collection are promoted and wait for a concurrent cycle). See
 * docs/classifier.md for the resident size with the budget.
 */
public final class NativeMemoryGuard {

    /** Resident-memory bound above which {@link #check()} collects. */
    public static final long BOUND = Runtime.getRuntime().maxMemory() + (2L << 30);

    /** Garbage reported to {@link #addGarbage(long)} after which a collection is asked for. */
    public static final long GARBAGE_BUDGET = 1L << 30;

    private static final NativeMemoryGuard PROCESS = new NativeMemoryGuard(BOUND, GARBAGE_BUDGET,
            org.bytedeco.javacpp.Pointer::physicalBytes, NativeMemoryGuard::collectionsSoFar, System::gc);

    private final long bound;
    private final long budget;
    private final LongSupplier residentBytes;
    private final LongSupplier collections;
    private final Runnable collect;
    /** {@link #collections} when the garbage count last started from zero. */
    private final AtomicLong collectionsAtZero = new AtomicLong(-1);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong garbage = new AtomicLong();
    private final ExecutorService collector =
            Executors.newSingleThreadExecutor(DaemonThreads.named("native-memory-gc"));

    /**
     * A guard over any resident-size reading and collector (tests); the process's own is {@link #check()} and
     * {@link #addGarbage(long)}.
     */
    NativeMemoryGuard(long bound, long budget, LongSupplier residentBytes, LongSupplier collections,
                      Runnable collect) {
        this.bound = bound;
        this.budget = budget;
        this.residentBytes = residentBytes;
        this.collections = collections;
        this.collect = collect;
    }

    /** Collections of every collector of this JVM so far, young ones included. */
    static long collectionsSoFar() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Collects garbage on the calling thread if the process's resident memory is above {@link #BOUND}. */
    public static void check() {
        PROCESS.collectIfOver();
    }

    /**
     * Counts {@code bytes} of off-heap garbage that only a GC frees; once {@link #GARBAGE_BUDGET} of it has been
     * counted since the last request, asks for a collection on the guard's own thread. Never blocks.
     */
    public static void addGarbage(long bytes) {
        PROCESS.countGarbage(bytes);
    }

    void collectIfOver() {
        if (residentBytes.getAsLong() > bound) {
            collect.run();
        }
    }

    /** @return whether this call asked for a collection */
    boolean countGarbage(long bytes) {
        long seen = collections.getAsLong();
        long atZero = collectionsAtZero.get();
        if (seen != atZero && collectionsAtZero.compareAndSet(atZero, seen)) {
            garbage.set(0); // a collection ran since: it freed what was counted (the owners die young)
        }
        long total = garbage.addAndGet(bytes);
        if (total <= budget || !garbage.compareAndSet(total, 0)) {
            return false; // under budget, or another thread crossed it at the same time and asks
        }
        if (!pending.compareAndSet(false, true)) {
            return false; // the collection running frees this garbage too
        }
        try {
            collector.execute(() -> {
                try {
                    collect.run();
                } finally {
                    pending.set(false);
                }
            });
        } catch (RuntimeException e) {
            pending.set(false);
            throw e;
        }
        return true;
    }

    /** Whether a requested collection has not finished yet. */
    boolean pending() {
        return pending.get();
    }
}
