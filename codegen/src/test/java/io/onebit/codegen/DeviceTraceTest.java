package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.ConvSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.model.Layer;
import io.onebit.model.LayerTrace;
import io.onebit.model.RandomModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host C built to dump its layers: the same tensors as the golden model, and the first difference named when not. */
class DeviceTraceTest {
  private static final InputSpec IMAGE = InputSpec.thresholded(10, 10, 3, 90);
  private static final String SPEC = "conv40k3x3s1same,pool2s2,conv20k3x3s2valid,flatten,dense33,out5";

  @TempDir Path dir;

  @Test
  void hostTraceEqualsTheGoldenTraceInEveryLayer() {
    Random random = new Random(8);
    DeployModel model = RandomModels.fromSpec("traced", IMAGE, SPEC, random);
    byte[] sample = RandomModels.sample(IMAGE, random);
    LayerTrace golden = new GoldenModel(model).trace(sample);
    for (Kernels kernels : List.of(Kernels.REFERENCE, Kernels.OPTIMISED)) {
      LayerTrace device = DeviceTrace.onHost(model, sample, dir.resolve(kernels.makeValue()), kernels);
      assertEquals(Optional.empty(), LayerTrace.firstDivergence(model, golden, device), kernels.makeValue());
      assertArrayEquals(golden.outputs().get(5), device.outputs().get(5), "scores");
    }
  }

  @Test
  void bitplaneModelsTraceWithoutAnEncodedInput() {
    Random random = new Random(9);
    InputSpec bytes = InputSpec.bitplanes(9, 9, 2);
    DeployModel model = RandomModels.fromSpec("planes", bytes, "conv16k3x3s1same,pool2s2,flatten,out4", random);
    byte[] sample = RandomModels.sample(bytes, random);
    LayerTrace device = DeviceTrace.onHost(model, sample, dir, Kernels.OPTIMISED);
    assertNull(device.input());
    assertEquals(Optional.empty(), LayerTrace.firstDivergence(model, new GoldenModel(model).trace(sample), device));
  }

  /**
   * The C of one model against the golden model of another that differs only in layer 2's filters:
   * the comparison fails and names layer 2, not the scores where the difference surfaces.
   */
  @Test
  void aMismatchIsTracedToTheLayerWhereItStarts() {
    Random random = new Random(10);
    DeployModel built = RandomModels.fromSpec("traced", IMAGE, SPEC, random);
    DeployModel expected = withLayer2Inverted(built);
    byte[][] samples = HostExactnessTest.samples(IMAGE, random, 6);
    List<ResultLine> results = HostRunner.run(built, samples, dir.resolve("run"), Kernels.OPTIMISED);
    GoldenComparison c = GoldenComparison.compare(expected, samples, results, null,
        sample -> DeviceTrace.onHost(built, sample, dir.resolve("trace"), Kernels.OPTIMISED));
    assertFalse(c.bitExact());
    int first = c.firstMismatches().get(0).sample();
    assertTrue(c.firstDivergence().startsWith("sample " + first + ": first difference at layer 2 (conv_sign) output 2x2x20"),
        c.firstDivergence());
    assertTrue(c.summary().endsWith(c.firstDivergence()), c.summary());
    assertNull(GoldenComparison.compare(built, samples, results, null, s -> {
      throw new AssertionError("a bit-exact comparison traces nothing");
    }).firstDivergence());
  }

  @Test
  void anIncompleteDumpIsRefusedWithTheTensorItLacks() throws Exception {
    Random random = new Random(11);
    DeployModel model = RandomModels.fromSpec("traced", IMAGE, SPEC, random);
    String output = "T 0 0 1 2 3 4 5 6 7 8\nR 0 1 0 0 0 0 0 0\nEND 1\n";
    CodegenException e = assertThrows(CodegenException.class, () -> DeviceTrace.parse(model, output, "test"));
    assertTrue(e.getMessage().contains("sample 0 dumped 8 of 100 words of the encoded input"), e.getMessage());
    CodegenException outside = assertThrows(CodegenException.class, () -> DeviceTrace.parse(model, "T 9 0 1\n", "test"));
    assertTrue(outside.getMessage().contains("outside the model's tensors"), outside.getMessage());
    assertTrue(Files.notExists(dir.resolve("anything")));
  }

  private static DeployModel withLayer2Inverted(DeployModel model) {
    List<Layer> layers = new ArrayList<>(model.layers());
    ConvSignLayer c = (ConvSignLayer) layers.get(2);
    int[] weights = c.weights().clone();
    int mask = io.onebit.model.BitPacking.lastWordMask(c.inChannels());
    for (int i = 0; i < weights.length; i++) {
      weights[i] ^= mask; // every real bit of every tap's single word flips
    }
    layers.set(2, new ConvSignLayer(c.inHeight(), c.inWidth(), c.inChannels(), c.outChannels(), c.kernelHeight(),
        c.kernelWidth(), c.stride(), c.padding(), weights, c.thresholds()));
    return DeployModel.of(model.name(), model.input(), layers, model.info());
  }
}
