package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parameters, MACs and XOR words per layer, against hand counts of two shapes of the docs. */
class LayerCostTest {
  private final Random random = new Random(3);

  @Test
  void denseCountsAreOutputsTimesInputs() {
    DeployModel sfc = RandomModels.dense("sfc", InputSpec.thresholded(28, 28, 1, 128), new int[] {256, 256, 256, 10},
        random);
    Layer first = sfc.layers().get(0);
    assertEquals(784L * 256, first.binaryMacs());
    assertEquals(256L * 25, first.xorWords(), "784 inputs fill 25 words");
    assertEquals(256, first.integerParameters());
    assertEquals(0, first.int8Macs());
    Layer out = sfc.layers().get(3);
    assertEquals(2560, out.binaryMacs());
    assertEquals(80, out.xorWords());
    assertEquals(20, out.integerParameters(), "a scale and an offset per class");
    assertEquals(List.of("dense_sign", "dense_sign", "dense_sign", "dense_output"),
        sfc.layers().stream().map(Layer::typeName).toList());
    // 31,361 instructions per inference on the M4 were 3.41 per word in the README: 6400 + 2 * 2048 + 80 words.
    assertEquals(10_576, sfc.layers().stream().mapToLong(Layer::xorWords).sum());
  }

  @Test
  void convCountsFollowTheOutputAndTheWindow() {
    DeployModel cnn = RandomModels.fromSpec("c", InputSpec.bitplanes(28, 28, 1),
        "conv32k3x3s1same,pool2s2,conv40k3x3s2valid,flatten,out10", random);
    Layer bitplane = cnn.layers().get(0);
    assertEquals("bitplane_conv_sign", bitplane.typeName());
    assertEquals(0, bitplane.binaryMacs());
    assertEquals(28L * 28 * 32 * 9, bitplane.int8Macs());
    assertEquals(28L * 28 * 32 * 9 * 8, bitplane.xorWords(), "one word per tap and plane");
    assertEquals(32, bitplane.integerParameters());
    Layer pool = cnn.layers().get(1);
    assertEquals(List.of(0L, 0L, 0L), List.of(pool.binaryMacs(), pool.xorWords(), pool.integerParameters()));
    Layer conv = cnn.layers().get(2);
    // 14x14x32 in, 3x3 stride 2 valid: 6x6x40 out, K = 288, 9 taps of one word.
    assertEquals(6L * 6 * 40 * 288, conv.binaryMacs());
    assertEquals(6L * 6 * 40 * 9, conv.xorWords());
    assertEquals("maxpool", pool.typeName());
    assertEquals("flatten", cnn.layers().get(3).typeName());
    assertEquals(0, cnn.layers().get(3).xorWords());
  }
}
