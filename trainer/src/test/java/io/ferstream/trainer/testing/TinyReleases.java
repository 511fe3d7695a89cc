package io.ferstream.trainer.testing;

import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.preprocess.PreprocessingMode;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.train.Augmentation;
import io.ferstream.trainer.round.MemberTrainer;
import io.ferstream.trainer.round.TrainingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Trains a small release of {@code tiny} members on horizontal-band synthetic faces (a few seconds on one core). */
public final class TinyReleases {

  private TinyReleases() {}

  public static Path horizontalBands(Path out, String releaseId, int members) throws IOException {
    Fer2013Data data = SyntheticFaces.data(SyntheticFaces.Domain.HORIZONTAL, 600, 11);
    Preprocessing pre = Preprocessing.fit(PreprocessingMode.GLOBAL_STANDARDIZE, data);
    MemberTrainer trainer = new MemberTrainer(new TrainingSettings(true, 3, 3e-3, 32, 5, Augmentation.none()));
    ReleaseWriter w = ReleaseWriter.builder().releaseId(releaseId).createdAt(Instant.parse("2026-11-29T00:00:00Z"))
        .preprocessing(pre).trainingData(data.sha256(), data.size(), "DROP", "synthetic horizontal bands");
    for (int m = 0; m < members; m++) {
      w.addMember(trainer.train(null, "tiny", m, data, pre, null).network(), "tiny", Map.of(), "synthetic");
    }
    w.write(out);
    return out;
  }
}
