package io.ferstream.model.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ferstream.model.data.Fer2013Data;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class PreprocessingTest {

    private static Fer2013Data twoImages(int a, int b) {
        byte[] px = new byte[2 * 2304];
        Arrays.fill(px, 0, 2304, (byte) a);
        Arrays.fill(px, 2304, 4608, (byte) b);
        return Fer2013Data.ofArrays(px, new byte[] {0, 1});
    }

    @Test
    void shouldScaleTo01() {
        INDArray x = Preprocessing.scaleOnly().toInput(new byte[][] {filled(255), filled(0)});
        assertThat(x.shape()).containsExactly(2, 1, 48, 48);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.getFloat(0, 0, 10, 10)).isEqualTo(1f);
        assertThat(x.getFloat(1, 0, 47, 47)).isEqualTo(0f);
    }

    @Test
    void shouldFitGlobalStatisticsOnTrainingDataOnly() {
        Preprocessing p = Preprocessing.fit(PreprocessingMode.GLOBAL_STANDARDIZE, twoImages(0, 255));
        assertThat(p.mean()).isCloseTo(0.5f, within(1e-6f));
        assertThat(p.std()).isCloseTo(0.5f, within(1e-6f));
        INDArray x = p.toInput(new byte[][] {filled(255), filled(0)});
        assertThat(x.getFloat(0, 0, 0, 0)).isCloseTo(1f, within(1e-5f));
        assertThat(x.getFloat(1, 0, 0, 0)).isCloseTo(-1f, within(1e-5f));
    }

    @Test
    void shouldFitPerPixelStatistics() {
        byte[] px = new byte[2 * 2304];
        for (int p = 0; p < 2304; p++) {
            px[p] = (byte) (p % 2 == 0 ? 0 : 100);
            px[2304 + p] = (byte) (p % 2 == 0 ? 100 : 200);
        }
        Preprocessing pre = Preprocessing.fit(PreprocessingMode.PER_PIXEL_STANDARDIZE,
                Fer2013Data.ofArrays(px, new byte[] {0, 0}));
        INDArray x = pre.toInput(px, 0, 2, false);
        assertThat(x.getFloat(0, 0, 0, 0)).isCloseTo(-1f, within(1e-4f));
        assertThat(x.getFloat(1, 0, 0, 1)).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void shouldRoundTripThroughJson() throws IOException {
        for (Preprocessing p : new Preprocessing[] {Preprocessing.scaleOnly(),
                Preprocessing.fit(PreprocessingMode.GLOBAL_STANDARDIZE, twoImages(10, 200)),
                Preprocessing.fit(PreprocessingMode.PER_PIXEL_STANDARDIZE, twoImages(10, 200))}) {
            byte[] json = p.toJson();
            Preprocessing back = Preprocessing.fromJson(json);
            assertThat(back).isEqualTo(p);
            byte[][] crops = {filled(77)};
            assertThat(back.toInput(crops)).isEqualTo(p.toInput(crops));
        }
        assertThat(new String(Preprocessing.scaleOnly().toJson(), StandardCharsets.UTF_8)).contains("\"SCALE\"");
    }

    @Test
    void shouldRejectInvalidJsonAndCrops() {
        assertThatThrownBy(() -> Preprocessing.fromJson("{\"mode\":\"GLOBAL_STANDARDIZE\",\"mean\":0.5,\"std\":0}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class).hasMessageContaining("std");
        assertThatThrownBy(() -> Preprocessing.scaleOnly().toInput(new byte[][] {new byte[100]}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2304");
    }

    @Test
    void shouldMirrorWhenFlipped() {
        byte[] img = new byte[2304];
        img[5 * 48] = (byte) 255;
        INDArray flipped = Preprocessing.scaleOnly().toInput(new byte[][] {img}, true);
        assertThat(flipped.getFloat(0, 0, 5, 47)).isEqualTo(1f);
        assertThat(flipped.getFloat(0, 0, 5, 0)).isEqualTo(0f);
    }

    private static byte[] filled(int v) {
        byte[] b = new byte[2304];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
