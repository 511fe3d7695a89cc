package io.ferstream.trainer.round;

import io.ferstream.model.arch.Architectures;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.runtime.NativeMemoryGuard;
import io.ferstream.model.train.SameDiffTrainingGraph;
import io.ferstream.model.train.TrainingMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains one ensemble member on a round's training set: the member's own architecture rebuilt with Adam at the
 * round's learning rate, started from the member's weights (fine-tune) or from a seeded initialisation (scratch),
 * then trained as a SameDiff graph (the fast engine, see the model module's {@code SameDiffTrainingGraph}) and copied
 * back into a DL4J network with batch-norm statistics re-measured on the unaugmented training images.
 * The member passed in is never modified: the current release keeps serving while a round runs.
 */
public final class MemberTrainer {

  /** Loss and accuracy are measured on every SAMPLE_EVERY-th batch, before its update (as the model trainer does). */
  private static final int SAMPLE_EVERY = 4;
  private static final int CALIBRATION_IMAGES = 4_096;
  private static final int CALIBRATION_BATCH = 256;

  /** A trained member and its curve. */
  public record Trained(MultiLayerNetwork network, String architecture, List<EpochPoint> curve) {}

  /** Progress: images done so far out of the total for this member. */
  @FunctionalInterface
  public interface Progress {
    void update(long imagesDone, long imagesTotal, double emaLoss);
  }

  private final TrainingSettings settings;

  public MemberTrainer(TrainingSettings settings) {
    this.settings = settings;
  }

  /**
   * Trains a copy of {@code member} (architecture {@code architecture}, a name registered in {@link Architectures})
   * on {@code data}, preprocessed by {@code pre}.
   *
   * @param memberIndex mixes into the seeds so that members of one round see different shuffles
   */
  public Trained train(MultiLayerNetwork member, String architecture, int memberIndex, Fer2013Data data,
      Preprocessing pre, Progress progress) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    long seed = TrainingMath.mix(settings.seed(), memberIndex, 0x7EA1L);
    MultiLayerNetwork net = new MultiLayerNetwork(
        Architectures.get(architecture).configuration(seed, new Adam(settings.learningRate())));
    net.init();
    if (!settings.fromScratch()) {
      if (net.numParams() != member.numParams()) {
        throw new IllegalStateException("member has " + member.numParams() + " parameters, architecture "
            + architecture + " has " + net.numParams());
      }
      net.setParams(member.params().dup());
    }
    SameDiffTrainingGraph graph = SameDiffTrainingGraph.fromNetwork(net, Fer2013Data.SIDE);
    int n = data.size();
    int batch = Math.min(settings.batchSize(), n);
    int batches = Math.max(1, n / batch);
    long total = (long) settings.epochs() * batches * batch;
    long done = 0;
    float[] raw = new float[batch * Fer2013Data.PIXELS];
    float[] features = new float[batch * Fer2013Data.PIXELS];
    float[] labels = new float[batch * EmotionClasses.COUNT];
    List<EpochPoint> curve = new ArrayList<>();
    double ema = Double.NaN;
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      int[] order = TrainingMath.permutation(n, TrainingMath.mix(seed, epoch, 0x5EEDL));
      double lossSum = 0;
      long correct = 0;
      long sampled = 0;
      int lossCount = 0;
      for (int b = 0; b < batches; b++) {
        SplittableRandom rnd = new SplittableRandom(TrainingMath.mix(seed, epoch, b + 1));
        Arrays.fill(labels, 0f);
        for (int i = 0; i < batch; i++) {
          int idx = order[(b * batch + i) % n];
          settings.augmentation().apply(data.pixels(), idx * Fer2013Data.PIXELS, raw, i * Fer2013Data.PIXELS, rnd);
          pre.apply(raw, i * Fer2013Data.PIXELS, features, i * Fer2013Data.PIXELS);
          labels[i * EmotionClasses.COUNT + data.labels()[idx]] = 1f;
        }
        INDArray x = Nd4j.create(features, new long[] {batch, 1, Fer2013Data.SIDE, Fer2013Data.SIDE}, DataType.FLOAT);
        INDArray y = Nd4j.create(labels, new long[] {batch, EmotionClasses.COUNT}, DataType.FLOAT);
        if (b % SAMPLE_EVERY == 0) {
          INDArray out = graph.output(x);
          correct += out.argMax(1).eq(y.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
          sampled += batch;
          double loss = TrainingMath.crossEntropy(out, y);
          lossSum += loss;
          lossCount++;
          ema = Double.isNaN(ema) ? loss : 0.9 * ema + 0.1 * loss;
        }
        graph.fit(x, y, TrainingMath.mix(seed, 0xD0L, (long) epoch * batches + b));
        done += batch;
        if (progress != null) {
          progress.update(done, total, ema);
        }
        if (b % 16 == 0) {
          NativeMemoryGuard.check();
        }
      }
      curve.add(new EpochPoint(epoch + 1, lossCount == 0 ? Double.NaN : lossSum / lossCount,
          sampled == 0 ? Double.NaN : (double) correct / sampled));
    }
    graph.copyTo(net, calibration(pre, data));
    return new Trained(net, architecture, List.copyOf(curve));
  }

  /** Unaugmented training images for the batch-norm statistics (only used when the network has batch norm). */
  private static List<INDArray> calibration(Preprocessing pre, Fer2013Data data) {
    List<INDArray> out = new ArrayList<>();
    int n = Math.min(CALIBRATION_IMAGES, data.size());
    for (int start = 0; start < n; start += CALIBRATION_BATCH) {
      out.add(pre.toInput(data.pixels(), start, Math.min(CALIBRATION_BATCH, n - start), false));
    }
    return out;
  }
}
