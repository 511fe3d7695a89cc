package io.ferstream.model.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import io.ferstream.model.eval.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("readable PNG %s", png).isNotNull();
        return img;
    }

    @Test
    void shouldWriteLineChartPng() throws IOException {
        Path png = dir.resolve("sub/line.png");
        Charts.lineChart("Loss", "epoch", "loss", Charts.seriesMap(
                "train", Charts.series(new double[] {1, 2, 3}, new double[] {1.2, 0.9, 0.7}),
                "validation", Charts.series(new double[] {1, 2, 3}, new double[] {1.3, 1.1, 1.0})), png);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void shouldWriteLogScaleLineChart() throws IOException {
        Path png = dir.resolve("throughput.png");
        Charts.lineChart("images/s", "batch", "images/s", Charts.seriesMap(
                "ref4", Charts.series(new double[] {1, 8, 64, 256}, new double[] {50, 200, 400, 420})), png, true);
        assertThat(read(png).getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void shouldWriteTrainingCurvesWithTwoPanels() throws IOException {
        Path png = dir.resolve("curves.png");
        double[] x = {1, 2, 3, 4};
        Charts.trainingCurves("ref5", "epoch",
                Charts.seriesMap("train", Charts.series(x, new double[] {1.5, 1.2, 1.0, 0.9}),
                        "validation", Charts.series(x, new double[] {1.6, 1.3, 1.2, 1.2})),
                Charts.seriesMap("train", Charts.series(x, new double[] {0.4, 0.5, 0.6, 0.65}),
                        "validation", Charts.series(x, new double[] {0.38, 0.48, 0.55, 0.57})), png);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo((int) (Charts.HEIGHT * 1.3));
    }

    @Test
    void shouldWriteConfusionMatrixHeatMap() throws IOException {
        Path png = dir.resolve("cm.png");
        Charts.confusionMatrix(new int[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 0}}, List.of("Angry", "Fear", "Happy"),
                "Confusion", png);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(Charts.MATRIX_WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.MATRIX_HEIGHT);
        // the top-left cell (5 of 6 = 83%) is dark blue: its centre pixel is far from white
        assertThat(img.getRGB(Charts.MATRIX_WIDTH / 2, Charts.MATRIX_HEIGHT / 2)).isNotEqualTo(0xFFFFFFFF);
    }

    @Test
    void shouldRejectClassNamesThatDoNotMatchTheMatrix() {
        assertThatThrownBy(() -> Charts.confusionMatrix(new int[2][2], List.of("a"), "x", dir.resolve("x.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteReliabilityDiagram() throws IOException {
        Path png = dir.resolve("rel.png");
        Charts.reliabilityDiagram(Calibration.of(new double[] {0.95, 0.85, 0.65, 0.62, 0.25},
                new boolean[] {true, false, true, false, true}, 10), "Reliability", png);
        assertThat(read(png).getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void shouldWriteBarChart() throws IOException {
        Path png = dir.resolve("bar.png");
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("ref4", 0.61);
        acc.put("ref5", 0.64);
        acc.put("ensemble", 0.67);
        Charts.barChart("Accuracy", "accuracy", acc, Set.of("ensemble"), png);
        assertThat(read(png).getWidth()).isEqualTo(Charts.WIDTH);
    }
}
