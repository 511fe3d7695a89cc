package io.ferstream.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ferstream.model.arch.Architectures;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SameDiffNetsTest {

    private static final InputType INPUT = InputType.convolutional(48, 48, 1);

    @ParameterizedTest
    @CsvSource({"ref4,NCHW", "ref5,NHWC", "vgg-bn,NHWC"})
    void shouldReproduceNetworkOutputWithCopiedWeights(String arch, CNN2DFormat format) {
        MultiLayerNetwork net = NetworkVariants.network(Architectures.get(arch), CNN2DFormat.NCHW,
                WorkspaceMode.ENABLED, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 48, 48);
        if (arch.equals("vgg-bn")) {
            // move the batch-norm running statistics away from their initial 0/1 so that copying them matters
            INDArray y = Nd4j.eye(6).getRows(0, 1, 2, 3).castTo(DataType.FLOAT);
            net.fit(new DataSet(x.mul(3).addi(1), y));
        }
        INDArray expected = net.output(x);
        SameDiff sd = SameDiffNets.fromNetwork(net, INPUT, format, 1e-3);
        INDArray in = format == CNN2DFormat.NCHW ? x : x.permute(0, 2, 3, 1).dup('c');
        INDArray actual = SameDiffNets.output(sd, in);
        assertThat(actual.shape()).containsExactly(4, 6);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 6; c++) {
                assertThat(actual.getDouble(i, c)).as("row %d class %d", i, c)
                        .isCloseTo(expected.getDouble(i, c), within(1e-4));
            }
        }
    }
}
