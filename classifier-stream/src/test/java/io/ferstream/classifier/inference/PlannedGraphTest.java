package io.ferstream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.model.arch.Architectures;
import io.ferstream.model.bench.NetworkVariants;
import io.ferstream.model.bench.SameDiffNets;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class PlannedGraphTest {

  private static final int PIXELS = 48 * 48;

  private static SameDiff graph(String arch) {
    MultiLayerNetwork net = NetworkVariants.network(Architectures.get(arch), CNN2DFormat.NCHW,
        WorkspaceMode.ENABLED, 5);
    if (arch.startsWith("vgg")) {
      // move the batch-norm running statistics away from 0/1 so that the planned pass has to use them
      INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 48, 48).muli(3).addi(1);
      net.fit(new DataSet(x, Nd4j.eye(6).getRows(0, 1, 2, 3).castTo(DataType.FLOAT)));
    }
    return SameDiffNets.fromNetwork(net, InputType.convolutional(48, 48, 1), CNN2DFormat.NHWC, 1e-3);
  }

  private static float[] pixels(int rows, long seed) {
    Random random = new Random(seed);
    float[] p = new float[rows * PIXELS];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextFloat();
    }
    return p;
  }

  private static float[] sameDiff(SameDiff sd, float[] pixels, int rows) {
    INDArray in = Nd4j.create(pixels, new long[] {rows, 48, 48, 1}, DataType.FLOAT);
    return SameDiffNets.serve(sd, in).castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref4", "ref5", "vgg-bn"})
  void shouldComputeTheSameFloatsAsSameDiffForEveryRowCountAgainAndAgain(String arch) {
    SameDiff sd = graph(arch);
    SameDiff copy = graph(arch);
    try (PlannedGraph planned = new PlannedGraph(copy, SameDiffNets.INPUT, SameDiffNets.PROBS, 16)) {
      // row counts in an order that makes later passes reuse slots that larger and smaller passes wrote
      for (int rows : new int[] {1, 16, 3, 1, 7, 16, 2}) {
        float[] x = pixels(rows, 31L * rows + arch.length());
        float[] expected = sameDiff(sd, x, rows);
        assertThat(planned.run(x, rows)).as("%s, %d rows", arch, rows).containsExactly(expected);
      }
    }
  }

  @Test
  void shouldKeepFewerActivationsThanTheGraphComputes() {
    SameDiff sd = graph("vgg-bn");
    try (PlannedGraph planned = new PlannedGraph(sd, SameDiffNets.INPUT, SameDiffNets.PROBS, 8)) {
      // vgg-bn's conv outputs at 48x48x32 dominate: the pass needs two of them at a time, not the ~30 op outputs'
      // sum (about 2.4 MB per row in all)
      long twoLargest = 2L * 48 * 48 * 32 * Float.BYTES * 8;
      assertThat(planned.opCount()).isGreaterThan(20);
      assertThat(planned.slotBytes()).isLessThanOrEqualTo(twoLargest + twoLargest / 4);
    }
  }

  @Test
  void shouldRefuseRowCountsBeyondItsPlanAndInputsOfTheWrongSize() {
    try (PlannedGraph planned = new PlannedGraph(graph("ref4"), SameDiffNets.INPUT, SameDiffNets.PROBS, 4)) {
      assertThatThrownBy(() -> planned.run(pixels(5, 1), 5)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1..4");
      assertThatThrownBy(() -> planned.run(pixels(2, 1), 3)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("input values");
    }
  }

  @Test
  void shouldRefuseAGraphWithAnOpThatMixesTheExamplesOfABatch() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
    sd.math().tanh("y", x.sub(x.mean(0))); // the batch mean: each row's output depends on the others
    assertThatThrownBy(() -> new PlannedGraph(sd, "x", "y", 4))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
