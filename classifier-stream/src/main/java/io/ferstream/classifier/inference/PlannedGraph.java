package io.ferstream.classifier.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One SameDiff graph's forward pass from its placeholder to one output, planned once and then run without allocating:
 * the same op objects SameDiff runs, in dependency order, each with an {@link OpContext} that holds its input and
 * output arrays and its arguments, so a pass is one native call per op and nothing else.
 *
 * <p>Why: with its execution cache off (required on the oneDNN binary, see {@code SameDiffNets}), SameDiff 1.0.0-M2.1
 * allocates every activation afresh, off the heap, on every call, and builds about 1 MB of Java objects per call
 * (its session's dependency maps, a regex compiled per variable name). The activations come back only when the GC
 * collects their owners, so serving needed {@code NativeMemoryGuard} to ask for collections, and the heap garbage
 * caused about five young collections a second at one crop per batch (JFR, docs/benchmarks.md). Here the activations
 * live in a few buffers (slots) allocated once: an activation's slot is taken back after its last reader has run
 * (liveness), so a chain of layers needs about two of its largest activations, not all of them. The slots are sized
 * for {@code maxRows} input rows and every smaller batch uses their first rows (a pass per row count is planned
 * once and kept).
 *
 * <p>Every op of the graph must work on each example alone (its outputs' first dimension is the batch and their size
 * grows with it): true of the conv, pooling, batch-norm (running statistics), dense and softmax ops of the serving
 * graphs; a graph with another kind of op is refused at planning ({@link UnsupportedOperationException}).
 *
 * <p>Not thread-safe: one instance belongs to one inference thread (the engine keeps a copy of every graph per slice
 * thread).
 */
final class PlannedGraph implements AutoCloseable {

  private final SameDiff sd;
  private final String input;
  private final String output;
  private final int maxRows;
  /** The ops that the output needs, in an order where every op runs after those that compute its inputs. */
  private final List<DifferentialFunction> ops;
  /** Elements per input row of every op output (its size divided by the rows). */
  private final Map<String, Long> perRow = new HashMap<>();
  /** The slot of every op output except {@link #output}. */
  private final Map<String, Integer> slotOf = new HashMap<>();
  /** Elements per row of each slot (its largest tenant). */
  private final List<Long> slotPerRow = new ArrayList<>();
  private DataBuffer[] slots;
  /** The placeholder's slot (its own: written before the pass, read by the first op). */
  private DataBuffer inputSlot;
  private long inputPerRow;
  private final Map<Integer, Pass> passes = new HashMap<>();
  private boolean closed;

  /**
   * Plans the pass from {@code input} (a placeholder whose first dimension is the batch) to {@code output} for up to
   * {@code maxRows} rows. Nothing is allocated for the activations until the first {@link #run}.
   *
   * @throws UnsupportedOperationException if an op is neither a custom op nor a shape-keeping legacy op (scalar,
   *                                       transform), or an op output does not scale with the batch
   */
  PlannedGraph(SameDiff sd, String input, String output, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
    }
    this.sd = sd;
    this.input = input;
    this.output = output;
    this.maxRows = maxRows;
    SDVariable in = sd.getVariable(input);
    if (in == null || in.getVariableType() != VariableType.PLACEHOLDER) {
      throw new IllegalArgumentException(input + " is not a placeholder of the graph");
    }
    this.ops = order(sd, output);
    measureRowSizes();
    assignSlots();
  }

  /** Ops per pass (tests, logs). */
  int opCount() {
    return ops.size();
  }

  /** Native bytes of the activation slots at {@code maxRows} rows. */
  long slotBytes() {
    long elements = inputPerRow * maxRows;
    for (long e : slotPerRow) {
      elements += e * maxRows;
    }
    return elements * Float.BYTES;
  }

  /**
   * Runs the pass on {@code rows} rows of input, row-major in {@code pixels} (rows times the placeholder's
   * per-example size), and returns the output, row-major.
   */
  float[] run(float[] pixels, int rows) {
    if (closed) {
      throw new IllegalStateException("the planned graph is closed");
    }
    if (rows < 1 || rows > maxRows) {
      throw new IllegalArgumentException("rows must be in 1.." + maxRows + ", was " + rows);
    }
    Pass pass = passes.computeIfAbsent(rows, this::plan);
    if (pixels.length != pass.input.length()) {
      throw new IllegalArgumentException("expected " + pass.input.length() + " input values for " + rows
          + " rows, got " + pixels.length);
    }
    new FloatPointer(inputSlot.addressPointer()).put(pixels, 0, pixels.length);
    OpExecutioner exec = Nd4j.getExecutioner();
    for (int i = 0; i < ops.size(); i++) {
      DifferentialFunction op = ops.get(i);
      if (op instanceof CustomOp c) {
        exec.exec(c, pass.contexts[i]);
      } else {
        exec.exec((Op) op, pass.contexts[i]);
      }
    }
    return pass.output.data().asFloat();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Pass p : passes.values()) {
      for (OpContext c : p.contexts) {
        try {
          c.close();
        } catch (Exception ignored) {
          // a context holds native pointers only; nothing to report
        }
      }
      p.output.close();
    }
    passes.clear();
    if (slots != null) {
      for (DataBuffer b : slots) {
        b.close();
      }
      inputSlot.close();
    }
  }

  /** The ops {@code output} depends on, depth first, each after the ops that compute its inputs. */
  private static List<DifferentialFunction> order(SameDiff sd, String output) {
    List<DifferentialFunction> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> onPath = new HashSet<>();
    // iterative depth-first search: (op, visited inputs yet)
    Deque<Object[]> stack = new ArrayDeque<>();
    DifferentialFunction last = producer(sd, output);
    if (last == null) {
      throw new IllegalArgumentException(output + " is not computed by an op of the graph");
    }
    stack.push(new Object[] {last, false});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      DifferentialFunction op = (DifferentialFunction) top[0];
      String name = op.getOwnName();
      if (done.contains(name)) {
        continue;
      }
      if ((Boolean) top[1]) {
        onPath.remove(name);
        done.add(name);
        order.add(op);
        continue;
      }
      if (!onPath.add(name)) {
        throw new UnsupportedOperationException("the graph has a cycle through " + name);
      }
      stack.push(new Object[] {op, true});
      for (String arg : op.argNames()) {
        DifferentialFunction p = producer(sd, arg);
        if (p != null && !done.contains(p.getOwnName())) {
          stack.push(new Object[] {p, false});
        }
      }
    }
    return order;
  }

  /** The op computing an ARRAY variable, or null for weights, constants and placeholders. */
  private static DifferentialFunction producer(SameDiff sd, String variable) {
    SDVariable v = sd.getVariable(variable);
    if (v == null) {
      throw new IllegalArgumentException("no variable " + variable + " in the graph");
    }
    return v.getVariableType() == VariableType.ARRAY ? sd.getVariableOutputOp(variable) : null;
  }

  /** Shapes of every op output for one row, from the ops' own shape functions. */
  private void measureRowSizes() {
    Map<String, INDArray> one = new HashMap<>();
    Map<String, INDArray> two = new HashMap<>();
    one.put(input, placeholder(1));
    inputPerRow = one.get(input).length();
    two.put(input, placeholder(2));
    try {
      for (DifferentialFunction op : ops) {
        List<LongShapeDescriptor> s1 = outputShapes(op, one);
        List<LongShapeDescriptor> s2 = outputShapes(op, two);
        String[] outs = op.outputVariablesNames();
        for (int k = 0; k < outs.length; k++) {
          long e1 = elements(s1.get(k).getShape());
          long e2 = elements(s2.get(k).getShape());
          long[] shape2 = s2.get(k).getShape();
          if (e2 != 2 * e1 || shape2.length == 0 || shape2[0] != 2 || s1.get(k).getOrder() != 'c') {
            throw new UnsupportedOperationException("output " + outs[k] + " of op " + op.getOwnName() + " ("
                + op.opName() + ") does not scale with the batch: shape " + Arrays.toString(s1.get(k).getShape())
                + " for 1 row, " + Arrays.toString(shape2) + " for 2");
          }
          if (s1.get(k).dataType() != DataType.FLOAT) {
            throw new UnsupportedOperationException("output " + outs[k] + " of op " + op.getOwnName() + " is "
                + s1.get(k).dataType() + "; only FLOAT graphs are planned");
          }
          perRow.put(outs[k], e1);
          one.put(outs[k], Nd4j.create(s1.get(k)));
          two.put(outs[k], Nd4j.create(s2.get(k)));
        }
      }
    } finally {
      for (INDArray a : one.values()) {
        a.close();
      }
      for (INDArray a : two.values()) {
        a.close();
      }
    }
  }

  /**
   * Gives every op output but the final one a slot: outputs take a free slot (or a new one) before the slots of
   * inputs read for the last time are freed, so an op never writes where it reads.
   */
  private void assignSlots() {
    Map<String, Integer> lastUse = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      for (String arg : ops.get(i).argNames()) {
        lastUse.put(arg, i);
      }
    }
    Deque<Integer> free = new ArrayDeque<>();
    for (int i = 0; i < ops.size(); i++) {
      DifferentialFunction op = ops.get(i);
      for (String out : op.outputVariablesNames()) {
        if (out.equals(output)) {
          continue;
        }
        int slot = free.isEmpty() ? newSlot() : free.pop();
        slotOf.put(out, slot);
        slotPerRow.set(slot, Math.max(slotPerRow.get(slot), perRow.get(out)));
        if (!lastUse.containsKey(out)) { // computed and never read (a second output nobody needs)
          free.push(slot);
        }
      }
      for (String arg : new HashSet<>(Arrays.asList(op.argNames()))) {
        Integer slot = slotOf.get(arg);
        if (slot != null && lastUse.get(arg) == i) {
          free.push(slot);
        }
      }
    }
  }

  private int newSlot() {
    slotPerRow.add(0L);
    return slotPerRow.size() - 1;
  }

  /** The pass for {@code rows} rows: arrays (slot views), contexts with arguments, inputs and outputs set. */
  private Pass plan(int rows) {
    if (slots == null) {
      slots = new DataBuffer[slotPerRow.size()];
      for (int s = 0; s < slots.length; s++) {
        slots[s] = Nd4j.createBuffer(DataType.FLOAT, Math.max(1, slotPerRow.get(s) * maxRows), false);
      }
      inputSlot = Nd4j.createBuffer(DataType.FLOAT, inputPerRow * maxRows, false);
    }
    Map<String, INDArray> arrays = new HashMap<>();
    long[] shape = placeholderShape(rows);
    INDArray in = Nd4j.create(inputSlot, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', DataType.FLOAT);
    arrays.put(input, in);
    OpContext[] contexts = new OpContext[ops.size()];
    INDArray out = null;
    for (int i = 0; i < ops.size(); i++) {
      DifferentialFunction op = ops.get(i);
      List<LongShapeDescriptor> shapes = outputShapes(op, arrays);
      String[] outs = op.outputVariablesNames();
      INDArray[] outArrays = new INDArray[outs.length];
      for (int k = 0; k < outs.length; k++) {
        LongShapeDescriptor d = shapes.get(k);
        if (elements(d.getShape()) != rows * perRow.get(outs[k])) {
          throw new IllegalStateException("output " + outs[k] + " has shape " + Arrays.toString(d.getShape())
              + " for " + rows + " rows, not " + perRow.get(outs[k]) + " elements per row");
        }
        if (outs[k].equals(output)) {
          out = Nd4j.create(d);
          outArrays[k] = out;
        } else {
          outArrays[k] = Nd4j.create(slots[slotOf.get(outs[k])], d.getShape(), d.getStride(), 0, 'c',
              DataType.FLOAT);
        }
        arrays.put(outs[k], outArrays[k]);
      }
      OpContext ctx = context(op, inputs(op, arrays));
      ctx.setOutputArrays(outArrays);
      contexts[i] = ctx;
    }
    return new Pass(in, out, contexts);
  }

  private INDArray placeholder(int rows) {
    return Nd4j.create(DataType.FLOAT, placeholderShape(rows));
  }

  /** The placeholder's shape for {@code rows} rows. */
  private long[] placeholderShape(int rows) {
    long[] shape = sd.getVariable(input).placeholderShape().clone();
    shape[0] = rows;
    for (int d = 1; d < shape.length; d++) {
      if (shape[d] < 1) {
        throw new UnsupportedOperationException("placeholder " + input + " has an unknown dimension " + d);
      }
    }
    return shape;
  }

  private INDArray[] inputs(DifferentialFunction op, Map<String, INDArray> arrays) {
    String[] args = op.argNames();
    INDArray[] in = new INDArray[args.length];
    for (int j = 0; j < args.length; j++) {
      INDArray a = arrays.get(args[j]);
      if (a == null) {
        a = sd.getArrForVarName(args[j]); // weights and constants
      }
      if (a == null) {
        throw new IllegalStateException("no array for input " + args[j] + " of op " + op.getOwnName());
      }
      in[j] = a;
    }
    return in;
  }

  private static OpContext context(DifferentialFunction op, INDArray[] inputs) {
    checkSupported(op);
    OpContext ctx = Nd4j.getExecutioner().buildContext();
    if (op instanceof CustomOp c) {
      ctx.setIArguments(c.iArgs());
      ctx.setTArguments(c.tArgs());
      ctx.setBArguments(c.bArgs());
      ctx.setDArguments(c.dArgs());
    }
    ctx.setInputArrays(inputs);
    return ctx;
  }

  /** Custom ops, and the legacy ops whose output has their input's shape (scalar and transform ops). */
  private static void checkSupported(DifferentialFunction op) {
    if (!(op instanceof CustomOp) && !(op instanceof ScalarOp) && !(op instanceof TransformOp)) {
      throw new UnsupportedOperationException("op " + op.getOwnName() + " (" + op.opName() + ", "
          + op.getClass().getSimpleName() + ") is neither a custom op nor a scalar or transform op");
    }
  }

  /** The op's output shapes for these inputs: its shape function for custom ops, the input's shape for the rest. */
  private List<LongShapeDescriptor> outputShapes(DifferentialFunction op, Map<String, INDArray> arrays) {
    INDArray[] in = inputs(op, arrays);
    if (op instanceof CustomOp c) {
      try (OpContext ctx = context(op, in)) {
        return Nd4j.getExecutioner().calculateOutputShape(c, ctx);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    checkSupported(op);
    return List.of(LongShapeDescriptor.fromShape(in[0].shape(), in[0].dataType()));
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** One row count's pass: views of the slots for the input and in between, its own output array. */
  private record Pass(INDArray input, INDArray output, OpContext[] contexts) {}
}
