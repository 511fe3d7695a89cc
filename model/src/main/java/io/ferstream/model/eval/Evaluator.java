package io.ferstream.model.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a {@link Predictor} over labelled examples in batches and scores it. For an {@link EnsemblePredictor}
 * every member is also scored alone and compared with the ensemble by McNemar's test. The examples come from any
 * iterator: a FER2013 CSV ({@link LabelledExample#from}) or records replayed from Kafka.
 */
public final class Evaluator {

    /** Default batch size for prediction. */
    public static final int DEFAULT_BATCH = 256;

    private final List<String> classNames;
    private final int batchSize;
    private final int calibrationBins;
    private IntConsumer progress = n -> { };

    /**
     * @param classNames      class names, index = class (the predictor's output width must match)
     * @param batchSize       crops per predictor call
     * @param calibrationBins reliability-diagram bins
     */
    public Evaluator(List<String> classNames, int batchSize, int calibrationBins) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("no classes");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.classNames = List.copyOf(classNames);
        this.batchSize = batchSize;
        this.calibrationBins = calibrationBins;
    }

    public Evaluator(List<String> classNames) {
        this(classNames, DEFAULT_BATCH, Calibration.DEFAULT_BINS);
    }

    /** Called with the number of examples done after every batch. */
    public Evaluator onProgress(IntConsumer listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Scores a single predictor.
     *
     * @throws IllegalArgumentException if there are no examples or the predictor's output has the wrong shape
     */
    public EvaluationResult evaluate(String name, Predictor predictor, Iterator<LabelledExample> examples) {
        EvaluationAccumulator acc = new EvaluationAccumulator(name, classNames, calibrationBins);
        forEachBatch(examples, (crops, labels) -> {
            long t0 = System.nanoTime();
            float[][] probs = predictor.predict(crops);
            acc.addNanos(System.nanoTime() - t0);
            check(name, probs, crops.length);
            acc.addAll(labels, probs);
        });
        return acc.result();
    }

    /**
     * Scores an ensemble and each of its members alone on the same examples; the result's
     * {@link EvaluationResult#members()} hold the members with McNemar's test against the ensemble.
     */
    public EvaluationResult evaluate(String name, EnsemblePredictor predictor, Iterator<LabelledExample> examples) {
        List<String> memberNames = predictor.memberNames();
        EvaluationAccumulator ensemble = new EvaluationAccumulator(name, classNames, calibrationBins);
        List<EvaluationAccumulator> members = new ArrayList<>();
        for (String m : memberNames) {
            members.add(new EvaluationAccumulator(m, classNames, calibrationBins));
        }
        forEachBatch(examples, (crops, labels) -> {
            long t0 = System.nanoTime();
            EnsembleOutput out = predictor.predictWithMembers(crops);
            ensemble.addNanos(System.nanoTime() - t0);
            check(name, out.ensemble(), crops.length);
            ensemble.addAll(labels, out.ensemble());
            if (out.members().size() != members.size()) {
                throw new IllegalStateException("ensemble '" + name + "' returned " + out.members().size()
                        + " member outputs for " + members.size() + " members");
            }
            for (int m = 0; m < members.size(); m++) {
                check(memberNames.get(m), out.members().get(m), crops.length);
                members.get(m).addAll(labels, out.members().get(m));
            }
        });
        EvaluationResult result = ensemble.result();
        List<MemberComparison> comparisons = new ArrayList<>();
        for (EvaluationAccumulator m : members) {
            EvaluationResult r = m.result();
            comparisons.add(new MemberComparison(r, r.compareWith(result)));
        }
        return result.withMembers(comparisons);
    }

    private interface BatchConsumer {
        void accept(byte[][] crops, int[] labels);
    }

    private void forEachBatch(Iterator<LabelledExample> examples, BatchConsumer consumer) {
        List<LabelledExample> batch = new ArrayList<>(batchSize);
        int done = 0;
        while (examples.hasNext()) {
            batch.add(examples.next());
            if (batch.size() == batchSize || !examples.hasNext()) {
                byte[][] crops = new byte[batch.size()][];
                int[] labels = new int[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    crops[i] = batch.get(i).pixels();
                    labels[i] = batch.get(i).label();
                }
                consumer.accept(crops, labels);
                done += batch.size();
                progress.accept(done);
                batch.clear();
            }
        }
        if (done == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
    }

    private void check(String who, float[][] probs, int expectedRows) {
        if (probs == null || probs.length != expectedRows) {
            throw new IllegalStateException("'" + who + "' returned " + (probs == null ? "null" : probs.length
                    + " rows") + " for " + expectedRows + " crops");
        }
        for (float[] row : probs) {
            if (row.length != classNames.size()) {
                throw new IllegalStateException("'" + who + "' returned " + row.length + " classes, expected "
                        + classNames.size());
            }
        }
    }
}
