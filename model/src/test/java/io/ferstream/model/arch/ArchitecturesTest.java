package io.ferstream.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class ArchitecturesTest {

    /** Parameter counts: ref4 = 416 + 14,436 + 373,376 + 774; ref5 = 832 + 51,264 + 102,464 + 32,896 + 774. */
    private static final Map<String, Long> PARAMS = Map.of("ref4", 389_002L, "ref5", 188_230L, "vgg-bn", 1_165_990L,
            "vgg-bn-s", 441_046L, "tiny", 22_782L);

    @ParameterizedTest
    @ValueSource(strings = {"ref4", "ref5", "vgg-bn", "vgg-bn-s", "tiny"})
    void shouldMapBatchesOf48x48ToSixProbabilities(String name) {
        MultiLayerNetwork net = new MultiLayerNetwork(Architectures.get(name).configuration(7, new Adam(1e-3)));
        net.init();
        assertThat(net.numParams()).isEqualTo(PARAMS.get(name));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 48, 48);
        INDArray y = net.output(x, false);
        assertThat(y.shape()).containsExactly(3, 6);
        for (int i = 0; i < 3; i++) {
            assertThat(y.getRow(i).sumNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldInitialiseDeterministicallyFromTheSeed() {
        Architecture a = Architectures.get("ref4");
        MultiLayerNetwork n1 = new MultiLayerNetwork(a.configuration(5, new Adam(1e-3)));
        MultiLayerNetwork n2 = new MultiLayerNetwork(a.configuration(5, new Adam(1e-3)));
        MultiLayerNetwork n3 = new MultiLayerNetwork(a.configuration(6, new Adam(1e-3)));
        n1.init();
        n2.init();
        n3.init();
        assertThat(n1.params()).isEqualTo(n2.params());
        assertThat(n1.params()).isNotEqualTo(n3.params());
    }

    @Test
    void shouldListAndRejectNames() {
        assertThat(Architectures.names()).containsExactly("ref4", "ref5", "vgg-bn", "vgg-bn-s", "tiny");
        assertThatThrownBy(() -> Architectures.get("resnet-1000")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("ref4");
        assertThat(Architectures.REF4.forwardMacs()).isBetween(5_000_000L, 7_000_000L);
    }
}
