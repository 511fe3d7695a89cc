package io.ferstream.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.arch.Architectures;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

class FlopCounterTest {

    private static final InputType INPUT = InputType.convolutional(48, 48, 1);

    private static NetworkFlops count(String arch) {
        return FlopCounter.count(NetworkVariants.configuration(Architectures.get(arch), CNN2DFormat.NCHW,
                WorkspaceMode.ENABLED, 1), INPUT);
    }

    @Test
    void shouldCountRef4ByHand() {
        NetworkFlops f = count("ref4");
        // conv 5x5x16 valid on 48x48x1 -> 44x44x16: MACs = 44*44*16 * 5*5*1 = 30,976 * 25 = 774,400
        // maxpool 2x2 -> 22x22x16: 22*22*16 * 4 = 30,976 ops
        // conv 5x5x36 valid on 22x22x16 -> 18x18x36: MACs = 18*18*36 * 5*5*16 = 11,664 * 400 = 4,665,600
        // maxpool 2x2 -> 9x9x36: 9*9*36 * 4 = 11,664 ops
        // dense 2916 -> 128: MACs = 373,248;  output 128 -> 6: MACs = 768
        assertThat(f.layers()).extracting(LayerFlops::output)
                .containsExactly("44x44x16", "22x22x16", "18x18x36", "9x9x36", "128", "6");
        assertThat(f.layers()).extracting(LayerFlops::macs)
                .containsExactly(774_400L, 0L, 4_665_600L, 0L, 373_248L, 768L);
        assertThat(f.layers()).extracting(LayerFlops::flops)
                .containsExactly(1_548_800L, 30_976L, 9_331_200L, 11_664L, 746_496L, 1_536L);
        // MACs: 774,400 + 4,665,600 + 373,248 + 768 = 5,814,016
        assertThat(f.forwardMacs()).isEqualTo(5_814_016L);
        // FLOPs: 2 * 5,814,016 + 30,976 + 11,664 = 11,670,672
        assertThat(f.forwardFlops()).isEqualTo(11_670_672L);
        assertThat(f.trainingFlops()).isEqualTo(3.0 * 11_670_672L);
        // params: 5*5*1*16+16 = 416; 5*5*16*36+36 = 14,436; 2916*128+128 = 373,376; 128*6+6 = 774 -> 389,002
        assertThat(f.params()).isEqualTo(389_002L);
        assertThat(f.complete()).isTrue();
        assertThat(f.forwardMacs()).isEqualTo(Architectures.REF4.forwardMacs());
    }

    @Test
    void shouldCountRef5ByHand() {
        NetworkFlops f = count("ref5");
        // 48 -conv5-> 44 -pool-> 22 -conv5-> 18 -pool-> 9 -conv5-> 5 -pool(floor)-> 2; dense 2*2*64 = 256 -> 128 -> 6
        assertThat(f.layers()).extracting(LayerFlops::output)
                .containsExactly("44x44x32", "22x22x32", "18x18x64", "9x9x64", "5x5x64", "2x2x64", "128", "6");
        // conv1 44*44*32*25 = 1,548,800; conv2 18*18*64*800 = 16,588,800; conv3 5*5*64*1600 = 2,560,000;
        // dense 256*128 = 32,768; output 768  -> 20,731,136 MACs
        assertThat(f.forwardMacs()).isEqualTo(20_731_136L);
        // pools: 22*22*32*4 = 61,952; 9*9*64*4 = 20,736; 2*2*64*4 = 1,024 -> 83,712
        assertThat(f.forwardFlops()).isEqualTo(2 * 20_731_136L + 83_712L);
        assertThat(f.forwardMacs()).isEqualTo(Architectures.REF5.forwardMacs());
    }

    @Test
    void shouldPrintPerLayerTable() {
        assertThat(count("ref4").table()).contains("conv 5x5 s1", "maxpool 2x2", "dense", "11,670,672");
    }
}
