package io.ferstream.model.release;

import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.train.Predictor;
import io.ferstream.model.train.TrainConfig;
import io.ferstream.model.train.Trainer;
import io.ferstream.model.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a release bundle from a training run directory: the snapshot ensemble (the last K snapshots, the
 * reference's rule, or the K with the best PublicTest accuracy), the run's preprocessing, and PublicTest metrics
 * for every member and for the ensemble, measured here with the same {@link Ensemble} code that serves it and
 * verified again on the written bundle.
 */
public final class RunRelease {

    private static final Logger LOG = LoggerFactory.getLogger(RunRelease.class);
    private static final int VERIFY_ROWS = 256;

    /** How members are picked from a run's snapshots. */
    public enum Selection {
        /** The last K snapshots (the reference study's snapshot ensemble). */
        LAST,
        /** The K snapshots with the best PublicTest accuracy (optimistic: chosen on the data it is measured on). */
        BEST
    }

    /** Options; {@code dataPath} null means the run's own data path. */
    public record Options(List<Path> runDirs, int members, Selection selection, TestTimeAugmentation tta,
                          String releaseId, String parentReleaseId, Path out, Path dataPath, String command,
                          DataType weights) {
        public Options {
            runDirs = List.copyOf(runDirs);
            weights = weights == null ? DataType.FLOAT : weights;
        }

        /** Options for a release from one run. */
        public Options(Path runDir, int members, Selection selection, TestTimeAugmentation tta, String releaseId,
                       String parentReleaseId, Path out, Path dataPath, String command, DataType weights) {
            this(List.of(runDir), members, selection, tta, releaseId, parentReleaseId, out, dataPath, command, weights);
        }
    }

    /** The written bundle, its SHA-256 and manifest. */
    public record Result(Path bundle, String sha256, ReleaseManifest manifest) {
    }

    private RunRelease() {
    }

    public static Result build(Options o) throws IOException {
        List<Path> runs = o.runDirs();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run directory");
        }
        TrainConfig config = null;
        TrainingState state = null;
        Preprocessing pre = null;
        List<Path> memberFiles = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> archs = new ArrayList<>();
        for (Path run : runs) {
            TrainConfig c = Trainer.storedConfig(run);
            TrainingState st = Trainer.storedState(run);
            if (c == null || st == null) {
                throw new IOException("not a training run directory (no config.json / checkpoint/state.json): " + run);
            }
            Preprocessing p = Preprocessing.fromJson(Files.readAllBytes(run.resolve("preprocessing.json")));
            if (config == null) {
                config = c;
                state = st;
                pre = p;
            } else if (!p.equals(pre) || !st.trainDataSha256.equals(state.trainDataSha256)
                    || c.disgustPolicy() != config.disgustPolicy() || c.limitTest() != config.limitTest()) {
                throw new IllegalArgumentException("runs " + runs.get(0) + " and " + run + " differ in preprocessing, "
                        + "training rows, Disgust policy or PublicTest rows; they cannot share one release");
            }
            List<TrainingState.Snapshot> snaps = new ArrayList<>(st.snapshots);
            if (snaps.isEmpty()) {
                memberFiles.add(run.resolve("best.zip"));
                sources.add(run.getFileName() + "/best.zip (epoch " + (st.bestEpoch + 1) + ")");
                archs.add(c.architecture());
                continue;
            }
            if (o.selection() == Selection.BEST) {
                boolean flip = o.tta() == TestTimeAugmentation.HFLIP;
                snaps.sort(Comparator.comparingDouble((TrainingState.Snapshot s) ->
                        flip && !Double.isNaN(s.testAccuracyHflip) ? s.testAccuracyHflip : s.testAccuracy).reversed());
                snaps = new ArrayList<>(snaps.subList(0, Math.min(o.members(), snaps.size())));
            } else {
                snaps.sort(Comparator.comparingLong(s -> s.iteration));
                snaps = new ArrayList<>(snaps.subList(Math.max(0, snaps.size() - o.members()), snaps.size()));
            }
            snaps.sort(Comparator.comparingLong(s -> s.iteration));
            for (TrainingState.Snapshot s : snaps) {
                memberFiles.add(run.resolve("snapshots").resolve(s.file));
                sources.add(run.getFileName() + "/snapshots/" + s.file + " (epoch " + (s.epoch + 1) + ")");
                archs.add(c.architecture());
            }
        }
        Path data = o.dataPath() != null ? o.dataPath() : Path.of(config.dataPath());
        Fer2013Data test = Fer2013Reader.builder().usages(Usage.PUBLIC_TEST).disgustPolicy(config.disgustPolicy())
                .limit(Usage.PUBLIC_TEST, config.limitTest()).build().read(data).subset(Usage.PUBLIC_TEST);
        if (state.testDataSha256 != null && !state.testDataSha256.equals(test.sha256())) {
            LOG.warn("PublicTest rows differ from the run's (sha256 {} vs {})", test.sha256(), state.testDataSha256);
        }
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (Path f : memberFiles) {
            nets.add(ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false));
        }

        // Pass 1: a bundle without TTA and metrics, so that metrics are measured by the serving code itself.
        Path tmp = Files.createTempFile("ferstream-release", ".zip");
        try {
            writer(o, config, state, pre, nets, archs, sources, List.of(), TestTimeAugmentation.NONE, Map.of()).write(tmp);
            // Measured on SameDiff (the engine that `ferstream evaluate` and the classifier use by default; checked
            // against DL4J at conversion) and verified below on DL4J's own networks.
            Ensemble plainEnsemble = Ensemble.load(tmp).onSameDiff();
            INDArray input = Predictor.input(pre, test, false);
            INDArray flippedInput = Ensemble.flipWidth(input);
            List<INDArray> plain = plainEnsemble.predictMembers(input);
            List<INDArray> mirrored = plainEnsemble.predictMembers(flippedInput);
            List<Map<String, Double>> memberMetrics = new ArrayList<>();
            INDArray sumPlain = null;
            INDArray sumFlip = null;
            byte[] labels = test.labels();
            for (int m = 0; m < nets.size(); m++) {
                INDArray p = plain.get(m);
                INDArray pf = p.dup().addi(mirrored.get(m)).divi(2);
                Map<String, Double> mm = new LinkedHashMap<>();
                mm.put("publictest.accuracy", accuracy(p, labels));
                mm.put("publictest.accuracy.hflip", accuracy(pf, labels));
                memberMetrics.add(mm);
                sumPlain = sumPlain == null ? p.dup() : sumPlain.addi(p);
                sumFlip = sumFlip == null ? pf : sumFlip.addi(pf);
            }
            double accPlain = accuracy(sumPlain.divi(nets.size()), labels);
            double accFlip = accuracy(sumFlip.divi(nets.size()), labels);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("publictest.accuracy", o.tta() == TestTimeAugmentation.HFLIP ? accFlip : accPlain);
            metrics.put("publictest.accuracy.plain", accPlain);
            metrics.put("publictest.accuracy.hflip", accFlip);
            metrics.put("publictest.rows", (double) test.size());
            String sha = writer(o, config, state, pre, nets, archs, sources, memberMetrics, o.tta(), metrics).write(o.out());

            // Verify: the written bundle, loaded as the classifier will load it, reproduces the measured ensemble
            // probabilities (on the first rows, to keep release building cheap).
            Ensemble served = Ensemble.load(o.out());
            int k = Math.min(VERIFY_ROWS, test.size());
            INDArray head = input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            INDArray measured = (o.tta() == TestTimeAugmentation.HFLIP ? sumFlip : sumPlain)
                    .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k), org.nd4j.linalg.indexing.NDArrayIndex.all());
            // the same engine must reproduce the measurement to float rounding; DL4J's own networks (the reference
            // implementation) must agree within the tolerance that the SameDiff conversion is checked against (batch
            // norm is computed in a different order there: differences of ~1e-5 are normal)
            if (!served.onSameDiff().predict(head).equalsWithEps(measured, 1e-5)) {
                throw new IllegalStateException("the written bundle does not reproduce the measured probabilities");
            }
            double dl4jDiff = served.predict(head).sub(measured).amaxNumber().doubleValue();
            if (!(dl4jDiff < 1e-3)) {
                throw new IllegalStateException("the bundle's DL4J networks differ from the measured probabilities by "
                        + dl4jDiff);
            }
            double expected = metrics.get("publictest.accuracy");
            LOG.info(String.format(Locale.ROOT, "release %s: %d members, PublicTest accuracy %.4f (plain %.4f, hflip %.4f), sha256 %s",
                    o.out(), nets.size(), expected, accPlain, accFlip, sha));
            return new Result(o.out(), sha, served.manifest());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ReleaseWriter writer(Options o, TrainConfig config, TrainingState state, Preprocessing pre,
                                        List<MultiLayerNetwork> nets, List<String> archs, List<String> sources,
                                        List<Map<String, Double>> memberMetrics, TestTimeAugmentation tta,
                                        Map<String, Double> metrics) {
        ReleaseWriter w = ReleaseWriter.builder()
                .weightsDataType(o.weights())
                .releaseId(o.releaseId())
                .parentReleaseId(o.parentReleaseId())
                .preprocessing(pre)
                .testTimeAugmentation(tta)
                .trainingData(state.trainDataSha256, state.trainRows, config.disgustPolicy().name(),
                        "FER2013 Training rows" + (config.limitTrain() > 0 ? " (first " + config.limitTrain() + ")" : "")
                                + (config.disgustPolicy() == DisgustPolicy.DROP ? ", Disgust dropped"
                                : ", Disgust merged into Angry"));
        for (int i = 0; i < nets.size(); i++) {
            w.addMember(nets.get(i), archs.get(i), i < memberMetrics.size() ? memberMetrics.get(i) : Map.of(),
                    sources.get(i));
        }
        metrics.forEach(w::metric);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Path run : o.runDirs()) {
            Map<String, Object> r = new LinkedHashMap<>();
            try {
                TrainingState st = Trainer.storedState(run);
                r.put("run", run.getFileName().toString());
                r.put("config", Trainer.storedConfig(run));
                r.put("epochsTrained", st.epoch);
                r.put("iterations", st.iteration);
                r.put("stopReason", st.stopReason == null ? "unfinished" : st.stopReason);
                r.put("bestEpochPublicTestAccuracy", st.bestTestAccuracy);
                r.put("trainingSeconds", Math.round(st.trainingSeconds));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            runs.add(r);
        }
        w.training("runs", runs);
        w.training("memberSelection", o.selection().name().toLowerCase(Locale.ROOT));
        if (o.command() != null) {
            w.training("command", o.command());
        }
        return w;
    }

    static double accuracy(INDArray probs, byte[] labels) {
        INDArray predicted = probs.argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted.getInt(i) == labels[i]) {
                correct++;
            }
        }
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }
}
