package io.ferstream.model.runtime;

import java.util.function.LongSupplier;

/**
 * Keeps the native memory of SameDiff training and offline evaluation bounded: the one place in FerStream that asks
 * the JVM for a GC.
 *
 * <p>Why it is needed: with its execution cache off (required on the oneDNN binary, see {@code SameDiffNets}), ND4J
 * 1.0.0-M2.1's SameDiff allocates every activation and gradient afresh, off the Java heap, and frees it only when the
 * Java object holding it is collected. A small heap sees no pressure, so without help a process grows by the
 * activations of every call (a training run reached 24 GB in 15 steps, a release evaluation was killed for memory).
 * {@link #check()} collects on the calling thread once the resident set passes the heap's maximum plus 2 GiB
 * ({@link #BOUND}): every call for big nets, every few dozen for small ones. The calling thread waits, which is
 * what training and evaluation need: their next step would allocate as much again.
 *
 * <p>Serving does not use it: the classifier's engine runs planned passes that allocate their activations once
 * ({@code PlannedGraph} in classifier-stream). Until 2026-11-30 it reported each pass's garbage here and the guard
 * collected in the background; docs/classifier.md tells that story.
 */
public final class NativeMemoryGuard {

    /** Resident-memory bound above which {@link #check()} collects. */
    public static final long BOUND = Runtime.getRuntime().maxMemory() + (2L << 30);

    private static final NativeMemoryGuard PROCESS = new NativeMemoryGuard(BOUND,
            org.bytedeco.javacpp.Pointer::physicalBytes, System::gc);

    private final long bound;
    private final LongSupplier residentBytes;
    private final Runnable collect;

    /** A guard over any resident-size reading and collector (tests); the process's own is {@link #check()}. */
    NativeMemoryGuard(long bound, LongSupplier residentBytes, Runnable collect) {
        this.bound = bound;
        this.residentBytes = residentBytes;
        this.collect = collect;
    }

    /** Collects garbage on the calling thread if the process's resident memory is above {@link #BOUND}. */
    public static void check() {
        PROCESS.collectIfOver();
    }

    void collectIfOver() {
        if (residentBytes.getAsLong() > bound) {
            collect.run();
        }
    }
}
