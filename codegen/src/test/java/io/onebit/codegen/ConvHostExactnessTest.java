package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolutional models in C on the host against the golden model: kernel sizes 1 to 5 (square and
 * rectangular; 11x6 and 3x7 for the 8-bit layer's widest windows), stride 1 and 2, 'same' and 'valid', channel counts 1, 2, 3, 16, 31, 33, 64, pooling
 * with AND and OR channels, flatten as alias and as re-pack, thresholded and bitplane inputs. Each
 * model is built twice (reference and optimised kernels); both must print the golden model's scores
 * for every sample, so the optimised kernels also equal their reference twins.
 */
class ConvHostExactnessTest {
  /** {height, width, channels, bitplanes (1) or threshold, spec}. */
  private static final Object[][] MODELS = {
      {8, 8, 1, 128, "conv16k3x3s1same,pool2s2,flatten,out10"},
      {7, 9, 3, 100, "conv31k5x5s2same,conv33k1x1s1valid,flatten,dense20,out5"},
      {10, 10, 1, -1, "conv16k3x3s1same,conv32k3x3s1same,pool2s2,flatten,out10"},
      {9, 7, 3, -1, "conv33k2x4s2valid,pool2s1,flatten,dense40,out6"},
      {6, 6, 64, 128, "conv64k3x2s1same,conv3k4x4s2same,flatten,out4"},
      {5, 5, 33, 128, "conv1k5x5s1valid,flatten,out3"},
      {12, 12, 31, -1, "conv8k4x3s2same,pool3s2,flatten,out7"},
      {11, 13, 16, 90, "pool2s2,conv32k3x3s2valid,flatten,out10"},
      {8, 8, 64, -1, "conv40k3x3s1same,flatten,dense33,out2"},
      {9, 9, 2, 128, "conv5k5x1s1same,conv64k1x5s2same,pool2s2,flatten,out9"},
      {6, 10, 1, -1, "conv3k1x1s1same,conv31k2x2s2same,conv16k5x5s1same,flatten,out2"},
      {14, 14, 1, 128, "conv16k3x3s1same,conv32k3x3s1same,pool2s2,conv64k3x3s1same,pool2s2,flatten,out10"},
      {28, 28, 1, -1, "conv16k3x3s1same,conv32k3x3s1same,pool2s2,conv64k3x3s1same,conv64k3x3s1same,pool2s2,flatten,out10"},
      // 8-bit input shapes of the bitplane kernel's subset-sum tables (groups of 3 taps per window row,
      // two output pixels per 32-bit lane pair): rows of 10 taps (a short group), 20 filters (16 + 4),
      // an odd output width; 21 groups (K = 63, the largest unchunked window), stride 2; 22 groups (two
      // chunks); 3 groups (the Thumb-2 block on the boards) with 5 filters, stride 2, odd width.
      {9, 11, 2, -1, "conv20k5x5s1same,flatten,out3"},
      {11, 9, 3, -1, "conv17k3x7s2same,pool2s2,flatten,out5"},
      {12, 12, 1, -1, "conv7k11x6s1valid,flatten,out4"},
      {13, 13, 1, -1, "conv5k3x3s2valid,flatten,out2"},
  };
  private static final int SAMPLES = 170;

  @TempDir Path dir;

  @Test
  void referenceAndOptimisedCMatchTheGoldenModel() {
    Random random = new Random(4242);
    int cases = 0;
    for (int m = 0; m < MODELS.length; m++) {
      DeployModel model = model(m, random);
      byte[][] samples = HostExactnessTest.samples(model.input(), random, SAMPLES);
      List<ResultLine> reference = TwinBuilds.runBothAndCompare(model, samples, dir.resolve("c" + m), (String) MODELS[m][4]);
      GoldenComparison golden = GoldenComparison.compare(model, samples, reference, null);
      assertTrue(golden.bitExact(), MODELS[m][4] + ": " + golden.summary());
      cases += samples.length;
    }
    assertTrue(cases >= 2000, cases + " cases");
  }

  static DeployModel model(int m, Random random) {
    Object[] row = MODELS[m];
    int threshold = (Integer) row[3];
    InputSpec input = threshold < 0 ? InputSpec.bitplanes((Integer) row[0], (Integer) row[1], (Integer) row[2])
        : InputSpec.thresholded((Integer) row[0], (Integer) row[1], (Integer) row[2], threshold);
    return RandomModels.fromSpec("conv" + m, input, (String) row[4], random);
  }
}
