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
 * The optimised kernels against their reference twins: the same generated model.c built twice
 * for the host (KERNELS=reference and KERNELS=optimised) must print identical results, for every
 * row length from 1 to 33 words (each Harley-Seal block count and tail length). The first layer
 * has fewer than 32 outputs so that it takes the row kernel; ColumnKernelTest covers the column kernel.
 */
class KernelEquivalenceTest {
  @TempDir Path dir;

  @Test
  void optimisedEqualsReferenceForEveryRowLength() {
    Random random = new Random(7);
    for (int words = 1; words <= 33; words++) {
      int inputs = 32 * words - random.nextInt(32);
      InputSpec input = InputSpec.thresholded(1, inputs, 1, 128);
      DeployModel model = RandomModels.dense("k" + words, input, new int[] {1 + random.nextInt(31), 2 + random.nextInt(9)}, random);
      byte[][] samples = HostExactnessTest.samples(input, random);
      List<ResultLine> reference = TwinBuilds.runBothAndCompare(model, samples, dir.resolve("k" + words), words + " words");
      assertTrue(GoldenComparison.compare(model, samples, reference, null).bitExact(), words + " words: reference vs golden");
    }
  }
}
