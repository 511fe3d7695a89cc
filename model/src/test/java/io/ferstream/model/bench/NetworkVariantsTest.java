package io.ferstream.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.arch.Architectures;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class NetworkVariantsTest {

    @Test
    void shouldRunRef4InNhwcWithoutWorkspaces() {
        MultiLayerNetwork net = NetworkVariants.network(Architectures.REF4, CNN2DFormat.NHWC, WorkspaceMode.NONE, 1);
        assertThat(net.getLayerWiseConfigurations().getTrainingWorkspaceMode()).isEqualTo(WorkspaceMode.NONE);
        INDArray x = Nd4j.rand(DataType.FLOAT, NetworkVariants.inputShape(CNN2DFormat.NHWC, 2, 48, 1));
        assertThat(net.output(x).shape()).containsExactly(2, 6);
        net.fit(new DataSet(x, Nd4j.eye(6).getRows(0, 1).castTo(DataType.FLOAT)));
    }

    @Test
    void shouldBuildSameDiffGraphWithTheSameOutput() {
        for (CNN2DFormat format : CNN2DFormat.values()) {
            SameDiff sd = SameDiffNets.build(NetworkVariants.configuration(Architectures.REF5, CNN2DFormat.NCHW,
                    WorkspaceMode.ENABLED, 1), InputType.convolutional(48, 48, 1), format, 1e-3, 1);
            INDArray x = Nd4j.rand(DataType.FLOAT, NetworkVariants.inputShape(format, 3, 48, 1));
            INDArray p = SameDiffNets.output(sd, x);
            assertThat(p.shape()).containsExactly(3, 6);
            assertThat(p.sumNumber().doubleValue()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-4));
            sd.fit(new DataSet(x, Nd4j.eye(6).getRows(0, 1, 2).castTo(DataType.FLOAT)));
        }
    }
}
