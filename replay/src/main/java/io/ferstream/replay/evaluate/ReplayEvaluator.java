package io.ferstream.replay.evaluate;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.Evaluator;
import io.ferstream.model.eval.LabelledExample;
import io.ferstream.model.eval.McNemarResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Scores a {@link Recording} with one or more releases through the model module's {@link Evaluator} (the code
 * behind offline {@code ferstream evaluate}: the same batching, metrics, calibration and McNemar test), each release
 * on the same crops in the same order, and compares the first two.
 */
public final class ReplayEvaluator {

  private final int batchSize;
  private final int calibrationBins;
  private IntConsumer progress = n -> { };

  public ReplayEvaluator(int batchSize, int calibrationBins) {
    this.batchSize = batchSize;
    this.calibrationBins = calibrationBins;
  }

  /** Called with the crops done after every batch of each release. */
  public ReplayEvaluator onProgress(IntConsumer listener) {
    this.progress = listener;
    return this;
  }

  /**
   * @throws IllegalArgumentException when the recording is empty or no predictor is given
   */
  public ReplayOutcome evaluate(Recording recording, List<EnginePredictor> predictors) {
    if (predictors.isEmpty()) {
      throw new IllegalArgumentException("no release to replay with");
    }
    if (recording.size() == 0) {
      throw new IllegalArgumentException("no labelled crops in the range: nothing to evaluate (" + recording
          .recordsRead() + " records read, " + recording.unlabelled() + " without a label, " + recording.invalid()
          + " invalid)");
    }
    Evaluator evaluator = new Evaluator(EmotionClasses.NAMES, batchSize, calibrationBins).onProgress(progress);
    List<EvaluationResult> results = new ArrayList<>();
    List<String> engines = new ArrayList<>();
    Set<String> names = new HashSet<>();
    long t0 = System.nanoTime();
    for (EnginePredictor p : predictors) {
      String name = p.releaseId();
      for (int i = 2; !names.add(name); i++) {
        name = p.releaseId() + " (" + i + ")";
      }
      results.add(evaluator.evaluate(name, p, examples(recording)));
      engines.add(p.engine());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    McNemarResult comparison = results.size() >= 2 ? results.get(0).compareWith(results.get(1)) : null;
    return new ReplayOutcome(recording, results, engines, comparison, seconds);
  }

  private static Iterator<LabelledExample> examples(Recording recording) {
    Iterator<RecordedCrop> crops = recording.crops().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return crops.hasNext();
      }

      @Override
      public LabelledExample next() {
        RecordedCrop c = crops.next();
        return new LabelledExample(c.pixels(), c.label());
      }
    };
  }
}
