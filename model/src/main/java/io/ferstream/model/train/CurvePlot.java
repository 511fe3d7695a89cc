package io.ferstream.model.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes a run's loss and accuracy curves as CSV ({@code history.csv}) and PNG ({@code loss.png}, {@code accuracy.png}). */
public final class CurvePlot {

    private CurvePlot() {
    }

    /** Writes {@code history.csv}, {@code loss.png} and {@code accuracy.png} into {@code dir}. */
    public static void write(Path dir, String title, List<TrainingState.EpochRecord> history) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("history.csv"), StandardCharsets.UTF_8)) {
            w.write("epoch,iteration,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy,"
                    + "test_accuracy_hflip,seconds,images_per_second\n");
            for (TrainingState.EpochRecord r : history) {
                w.write(String.format(Locale.ROOT, "%d,%d,%.6g,%.5f,%.5f,%.5f,%.5f,%.5f,%.1f,%.1f%n", r.epoch + 1,
                        r.iteration, r.learningRate, r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy,
                        r.testAccuracyHflip, r.seconds, r.imagesPerSecond));
            }
        }
        if (history.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYSeries trainLoss = new XYSeries("train (augmented)");
        XYSeries testLoss = new XYSeries("PublicTest");
        XYSeries trainAcc = new XYSeries("train (augmented)");
        XYSeries testAcc = new XYSeries("PublicTest");
        XYSeries testAccFlip = new XYSeries("PublicTest + hflip TTA");
        for (TrainingState.EpochRecord r : history) {
            trainLoss.add(r.epoch + 1, r.trainLoss);
            testLoss.add(r.epoch + 1, r.testLoss);
            trainAcc.add(r.epoch + 1, r.trainAccuracy);
            testAcc.add(r.epoch + 1, r.testAccuracy);
            if (!Double.isNaN(r.testAccuracyHflip)) {
                testAccFlip.add(r.epoch + 1, r.testAccuracyHflip);
            }
        }
        XYSeriesCollection loss = new XYSeriesCollection();
        loss.addSeries(trainLoss);
        loss.addSeries(testLoss);
        XYSeriesCollection acc = new XYSeriesCollection();
        acc.addSeries(trainAcc);
        acc.addSeries(testAcc);
        if (testAccFlip.getItemCount() > 0) {
            acc.addSeries(testAccFlip);
        }
        save(dir.resolve("loss.png"), title + " - loss", "cross-entropy", loss);
        save(dir.resolve("accuracy.png"), title + " - accuracy", "accuracy", acc);
    }

    private static void save(Path file, String title, String yLabel, XYSeriesCollection data) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        org.jfree.chart.axis.NumberAxis x = (org.jfree.chart.axis.NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        if (data.getSeriesCount() > 0 && data.getSeries(0).getItemCount() < 2) {
            x.setRange(0.5, 2.5);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 560);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
