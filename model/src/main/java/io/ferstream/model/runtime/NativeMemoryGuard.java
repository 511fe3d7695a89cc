package io.ferstream.model.runtime;

/**
 * Keeps the native memory of SameDiff execution bounded. With its execution cache off (required on the oneDNN
 * binary, see {@code SameDiffNets}), ND4J 1.0.0-M2.1's SameDiff allocates every activation and gradient afresh, off
 * the Java heap, and frees it only when the Java object holding it is collected. A small heap sees no pressure, so
 * without help a process grows by the activations of every call (a training run reached 24 GB in 15 steps, a release
 * evaluation was killed for memory). {@link #check()} after each call collects once the resident set passes the
 * heap's maximum plus 2 GiB: every call for big nets, every few dozen for small ones.
 */
public final class NativeMemoryGuard {

    /** Resident-memory bound above which {@link #check()} triggers a collection. */
    public static final long BOUND = Runtime.getRuntime().maxMemory() + (2L << 30);

    private NativeMemoryGuard() {
    }

    /** Collects garbage if the process's resident memory is above {@link #BOUND}. */
    public static void check() {
        if (org.bytedeco.javacpp.Pointer.physicalBytes() > BOUND) {
            System.gc();
        }
    }
}
