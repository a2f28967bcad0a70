package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The golden model's convolution, pooling and flatten against a plain evaluation in ±1 (and
 * 0..255) integers with explicit padding: a second, independent reading of the formulas.
 */
class ConvGoldenModelTest {
  private static final String[] SPECS = {
    "conv5k3x3s1same,pool2s2,flatten,dense17,out4",
    "conv33k2x3s2same,conv7k3x3s1valid,flatten,out3",
    "conv40k4x4s2valid,pool3s2,conv31k3x3s2same,flatten,dense9,out2",
    "conv8k1x1s1same,pool2s1,flatten,out5",
  };

  @Test
  void matchesPlainArithmeticOnRandomConvModels() {
    Random random = new Random(17);
    for (int trial = 0; trial < 40; trial++) {
      boolean bitplanes = trial % 2 == 1;
      int h = 9 + random.nextInt(10);
      int w = 9 + random.nextInt(10);
      int c = 1 + random.nextInt(trial % 3 == 0 ? 40 : 3);
      InputSpec input = bitplanes ? InputSpec.bitplanes(h, w, c) : InputSpec.thresholded(h, w, c, random.nextInt(257));
      DeployModel model = RandomModels.fromSpec("r", input, SPECS[trial % SPECS.length], random);
      GoldenModel golden = new GoldenModel(model);
      for (int s = 0; s < 10; s++) {
        byte[] sample = RandomModels.sample(input, random);
        assertArrayEquals(PlainEvaluator.scores(model, sample), golden.infer(sample).scores(), "trial " + trial);
      }
    }
  }

  /** A 1x3x1 input, one 1x3 'same' filter by hand: padding is +1 and counts in popcount. */
  @Test
  void samePaddingReadsPlusOne() {
    InputSpec input = InputSpec.thresholded(1, 3, 1, 100);
    // pixels 200, 0, 200 → +1, −1, +1. Filter (−1, +1, −1) = bits 1,0,1 per tap.
    // Output x=0 window: (pad=+1, +1, −1): XOR with (1,0,1) → 1,0,0 → p = 1... (+1≠−1 at tap 0, −1≠+1 at tap 2? no)
    // tap0: pad bit 0 ^ w 1 = 1; tap1: x0 bit 0 ^ w 0 = 0; tap2: x1 bit 1 ^ w 1 = 0 → p = 1.
    // x=1: (x0,x1,x2) bits (0,1,0) ^ (1,0,1) = 1,1,1 → p = 3. x=2: (1,0,pad 0) ^ (1,0,1) → 0,0,1 → p = 1.
    ConvSignLayer conv = new ConvSignLayer(1, 3, 1, 1, 1, 3, 1, "same", new int[] {1, 0, 1}, new int[] {1});
    FlattenLayer flatten = new FlattenLayer(1, 3, 1);
    DenseOutputLayer out = new DenseOutputLayer(3, 1, new int[] {0}, new int[] {1}, new int[] {0}, 0);
    DeployModel model = DeployModel.of("pad", input, List.of(conv, flatten, out), Map.of());
    // bits (p > 1): 0, 1, 0 → values +1, −1, +1 → dot with all +1 weights = 1
    assertEquals(1, new GoldenModel(model).infer(new byte[] {(byte) 200, 0, (byte) 200}).scores()[0]);
  }

  @Test
  void denseAfterConvNeedsFlatten() {
    InputSpec input = InputSpec.thresholded(4, 4, 1, 100);
    String message = assertThrows(ModelFormatException.class,
        () -> RandomModels.fromSpec("r", input, "conv2k3x3s1same,out3", new Random(1))).getMessage();
    assertEquals("layer 1: expects a 1x1x32 input but receives 4x4x2 (insert a flatten layer)", message);
  }

  @Test
  void bitplaneLayerOnlyFirstWithBitplaneInput() {
    InputSpec input = InputSpec.thresholded(4, 4, 1, 100);
    DeployModel planes = RandomModels.fromSpec("r", InputSpec.bitplanes(4, 4, 1), "conv2k3x3s1same,flatten,out3",
        new Random(1));
    String message = assertThrows(ModelFormatException.class,
        () -> DeployModel.of("r", input, planes.layers(), Map.of())).getMessage();
    assertEquals("layer 0: bitplane_conv_sign must be the first layer of a model with 'bitplanes' input", message);
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    DeployModel model = RandomModels.fromSpec("r", InputSpec.bitplanes(9, 7, 2),
        "conv5k3x3s2same,pool2s1,conv3k2x2s1valid,flatten,dense6,out3", new Random(4));
    java.nio.file.Path file = java.nio.file.Files.createTempFile("conv", ".json");
    DeployModelIo.write(file, model);
    DeployModel back = DeployModelIo.read(file);
    byte[] sample = RandomModels.sample(model.input(), new Random(5));
    assertArrayEquals(new GoldenModel(model).infer(sample).scores(), new GoldenModel(back).infer(sample).scores());
    java.nio.file.Files.delete(file);
  }
}
