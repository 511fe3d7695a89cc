package io.ferstream.classifier.inference;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.config.SDValueType;
import org.nd4j.autodiff.samediff.internal.AbstractSession;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees the activations of a SameDiff forward pass as soon as it is done.
 *
 * <p>Why: with the execution cache off (required on the oneDNN binary), ND4J 1.0.0-M2.1's {@code InferenceSession}
 * neither reuses nor closes the arrays its ops allocate; their off-heap memory is freed only when the Java GC
 * happens to collect the array objects. A serving JVM allocates little on the heap, so GC is rare and the off-heap
 * memory grew without bound: the benchmark JVM (-Xmx3g) reached 11.8 GB resident within minutes. Closing the op
 * outputs of the finished pass frees about 60% of it at once (measured on ref4); the rest is allocated inside ND4J,
 * out of reach: {@link SameDiffEngine} reports it to {@code NativeMemoryGuard}, which asks for a GC in the background
 * once 1 GiB of it has built up since the JVM's last collection.
 *
 * <p>Only arrays of op outputs ({@link VariableType#ARRAY}) are closed, never the weights (VARIABLE, CONSTANT) or the
 * caller's placeholder; each buffer once; views are skipped (their base is closed). The caller copies what it needs
 * from the requested output before calling {@link #free}.
 */
final class SessionArrays {

  private SessionArrays() {}

  /**
   * Closes the op outputs the calling thread's session of {@code sd} holds, and forgets them.
   *
   * @return the bytes closed
   */
  static long free(SameDiff sd) {
    InferenceSession session = sd.getSessions().get(Thread.currentThread().getId());
    if (session == null) {
      return 0;
    }
    long bytes = 0;
    Map<AbstractSession.VarId, SDValue> values = session.getNodeValueOutputs();
    Set<DataBuffer> closed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<AbstractSession.VarId, SDValue> e : values.entrySet()) {
      Variable v = sd.getVariables().get(e.getKey().getVariable());
      SDValue value = e.getValue();
      if (v == null || v.getVariable().getVariableType() != VariableType.ARRAY || value == null
          || value.getSdValueType() != SDValueType.TENSOR) {
        continue;
      }
      INDArray a = value.getTensorValue();
      if (a == null || a.wasClosed() || a.isView() || !a.closeable() || !closed.add(a.data())) {
        continue;
      }
      try {
        long size = a.length() * a.dataType().width();
        a.close();
        bytes += size;
      } catch (RuntimeException ignored) {
        // not closeable after all (e.g. shared with another array): left to the GC, as before
      }
    }
    values.clear();
    // The session is not reused (a new one per call with the cache off), but the map keeps the last one per thread,
    // and with it the arrays its op contexts hold: per stream thread that ever ran, ~0.6-1.3 GB stayed reachable.
    sd.getSessions().remove(Thread.currentThread().getId());
    return bytes;
  }
}
