package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated C, compiled for the host with the optimised kernels, against the golden model. */
class HostExactnessTest {
  /** Input sizes: MNIST, small, and word-boundary cases (1 bit, 32, 33, 1000 = 31.25 words). */
  private static final int[][] SHAPES = {{28, 28, 1}, {10, 10, 1}, {1, 33, 1}, {1, 1, 1}, {4, 8, 1}, {8, 8, 4}, {1, 300, 1}, {1, 1000, 1}};
  /** Input thresholds including the constant encodings 0 (all +1) and 256 (all -1). */
  private static final int[] THRESHOLDS = {128, 0, 1, 255, 256, 77};
  private static final int MODELS = 24;
  private static final int RANDOM_SAMPLES = 130;

  @TempDir Path dir;

  @Test
  void optimisedCMatchesTheGoldenModelOnRandomModels() {
    Random random = new Random(20240611);
    int cases = 0;
    for (int m = 0; m < MODELS; m++) {
      int[] shape = SHAPES[m % SHAPES.length];
      InputSpec input = InputSpec.thresholded(shape[0], shape[1], shape[2], THRESHOLDS[m % THRESHOLDS.length]);
      DeployModel model = RandomModels.dense("m" + m, input, widths(random, 1 + m % 3), random);
      byte[][] samples = samples(input, random);
      List<ResultLine> results = HostRunner.run(model, samples, dir.resolve("m" + m), Kernels.OPTIMISED);
      GoldenComparison c = GoldenComparison.compare(model, samples, results, null);
      assertTrue(c.bitExact(), "model " + m + " " + Arrays.toString(widthsOf(model)) + ": " + c.summary());
      cases += samples.length;
    }
    assertTrue(cases >= 3000, cases + " cases");
  }

  /** Hidden widths in [1, 300] (mostly not multiples of 32, sometimes exactly 32k), then 2..12 classes. */
  static int[] widths(Random random, int hidden) {
    int[] widths = new int[hidden + 1];
    for (int i = 0; i < hidden; i++) {
      widths[i] = random.nextInt(4) == 0 ? 32 * (1 + random.nextInt(8)) : 1 + random.nextInt(300);
    }
    widths[hidden] = 2 + random.nextInt(11);
    return widths;
  }

  /** Random samples plus the all-0 and all-255 extremes. */
  static byte[][] samples(InputSpec input, Random random) {
    return samples(input, random, RANDOM_SAMPLES);
  }

  /** {@code count} random samples plus the extremes: every element the type's minimum (0), or its maximum (255). */
  static byte[][] samples(InputSpec input, Random random, int count) {
    byte[][] samples = new byte[count + 2][];
    for (int i = 0; i < count; i++) {
      samples[i] = RandomModels.sample(input, random);
    }
    TestVectors extremes = TestVectors.builtIn(input);
    samples[count] = extremes.samples()[0];
    samples[count + 1] = extremes.samples()[1];
    return samples;
  }

  private static int[] widthsOf(DeployModel model) {
    return model.layers().stream().mapToInt(l -> l.outputShape().elements()).toArray();
  }
}
