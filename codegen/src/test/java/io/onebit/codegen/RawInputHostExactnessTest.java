package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.model.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw integer inputs in C on the host against the golden model, reference and optimised kernels:
 * int16/uint16/int8/uint8 samples through the per-channel map into the bitplane layer (an RGB-like
 * 3-channel image, a 3-axis time series under a [1, k] kernel, a 1x1xF feature vector), and per-channel
 * raw thresholds into a dense (flat) or a convolutional (per pixel) first layer, channel counts around a
 * word. Samples are random over the type's whole range (most elements clip) and random inside the
 * fitted ranges, plus the extremes.
 */
class RawInputHostExactnessTest {
  @TempDir Path dir;

  @Test
  void mappedAndPerChannelThresholdInputsMatchTheGoldenModel() {
    Random random = new Random(16);
    List<DeployModel> models = List.of(
        RandomModels.fromSpec("rgb", bitplanes(6, 7, 3, SampleType.UINT8, random), "conv8k3x3s1same,pool2s2,flatten,out4",
            random),
        RandomModels.fromSpec("accel", bitplanes(1, 40, 3, SampleType.INT16, random),
            "conv16k1x5s1same,pool1s1,conv32k1x3s2valid,flatten,out5", random),
        RandomModels.fromSpec("features", bitplanes(1, 1, 30, SampleType.UINT16, random), "conv24k1x1s1valid,flatten,out2",
            random),
        RandomModels.fromSpec("signed8", bitplanes(5, 5, 2, SampleType.INT8, random), "conv5k2x2s1valid,flatten,out3",
            random),
        RandomModels.dense("tabular", thresholds(1, 1, 13, SampleType.INT16, random), new int[] {40, 3}, random),
        RandomModels.dense("wide", thresholds(1, 1, 70, SampleType.UINT16, random), new int[] {20, 2}, random),
        RandomModels.fromSpec("perpixel", thresholds(4, 6, 33, SampleType.INT8, random), "conv8k3x3s1same,flatten,out3",
            random),
        RandomModels.fromSpec("uint8pix", thresholds(5, 5, 3, SampleType.UINT8, random), "conv6k3x3s1valid,flatten,out2",
            random));
    int cases = 0;
    for (DeployModel model : models) {
      DeployModel named = model.with(model.input(), names(model.classes()));
      byte[][] samples = samples(named.input(), random, 60);
      Path work = dir.resolve(model.name());
      List<ResultLine> results = TwinBuilds.runBothAndCompare(named, samples, work, model.name());
      GoldenComparison golden = GoldenComparison.compare(named, samples, results, null);
      assertTrue(golden.bitExact(), model.name() + ": " + golden.summary());
      cases += samples.length;
      assertClassNamesInC(work, named);
    }
    assertTrue(cases >= 400, cases + " cases");
  }

  /** Class names with characters that need escaping in C, one of them non-ASCII. */
  private static List<String> names(int classes) {
    List<String> all = List.of("idle", "walk \"fast\"", "back\\slash", "what??=", "café", "z");
    return all.subList(0, classes);
  }

  private static void assertClassNamesInC(Path work, DeployModel model) {
    try {
      String c = Files.readString(work.resolve("model.c"));
      assertTrue(c.contains("\"walk \\\"fast\\\"\""), "escaped quotes");
      assertTrue(Files.readString(work.resolve("model.h")).contains("_class_names[" ), "declared in the header");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static InputSpec bitplanes(int h, int w, int c, SampleType type, Random random) {
    int[] low = new int[c];
    int[] high = new int[c];
    for (int k = 0; k < c; k++) {
      int a = type.min() + random.nextInt(type.max() - type.min() + 1);
      int b = type.min() + random.nextInt(type.max() - type.min() + 1);
      low[k] = Math.min(a, b);
      high[k] = k == 0 ? low[k] : Math.max(a, b); // channel 0 constant: multiplier 0
    }
    return InputSpec.bitplanes(h, w, c, type, InputMap.fit(low, high), null);
  }

  private static InputSpec thresholds(int h, int w, int c, SampleType type, Random random) {
    int[] t = new int[c];
    for (int k = 0; k < c; k++) {
      t[k] = k == 0 ? type.min() : k == 1 ? type.max() + 1 : type.min() + random.nextInt(type.max() - type.min() + 2);
    }
    return InputSpec.thresholded(h, w, c, type, t, null);
  }

  /** Random over the whole type, random inside each channel's map range, and the extremes. */
  private static byte[][] samples(InputSpec input, Random random, int count) {
    byte[][] samples = HostExactnessTest.samples(input, random, count);
    if (input.map() != null) {
      for (int s = 0; s < count / 2; s++) {
        int[] raw = new int[input.size()];
        for (int i = 0; i < raw.length; i++) {
          int c = i % input.channels();
          raw[i] = input.map().low()[c] + random.nextInt(input.map().high()[c] - input.map().low()[c] + 1);
        }
        samples[s] = input.type().encode(raw);
      }
    }
    return samples;
  }
}
