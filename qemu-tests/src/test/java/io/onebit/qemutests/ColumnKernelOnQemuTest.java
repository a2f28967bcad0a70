package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The column kernel (dense_sign_cols.h) on the three code paths it has on Cortex-M: Thumb-1 C
 * (microbit, M0), Thumb-2 hand-written blocks without DSP (mps2-an385, M3) and with DSP (mps2-an386,
 * M4). Odd shapes (partial groups of 32, inputs not a multiple of 32) and inputs whose 1 bits are
 * none, all, a few, most or exactly half, so both ways of listing inputs and an empty list run.
 */
class ColumnKernelOnQemuTest {
  @TestFactory
  Stream<DynamicTest> columnKernelIsBitExactOnEachCodePath() {
    InputSpec input = InputSpec.thresholded(1, 100, 1, 128);
    DeployModel model = RandomModels.dense("cols", input, new int[] {70, 45, 33, 6}, new Random(77));
    byte[][] samples = samples(input.size(), new Random(78));
    return Stream.of("microbit", "mps2-an385", "mps2-an386").map(name -> DynamicTest.dynamicTest(name, () -> {
      QemuReport report = QemuTestRunner.run(model, Boards.load(name), samples, null, QemuFixtures.WORK.resolve("cols-" + name));
      QemuFixtures.keep("cols-" + name, report);
      assertEquals(samples.length, report.samples());
      assertTrue(report.bitExact(), report::summary);
    }));
  }

  /** Pixels 0 (bit 1) with the given percentages, then alternating, all 0 and all 255. */
  private static byte[][] samples(int size, Random random) {
    List<Integer> densities = List.of(50, 50, 50, 10, 90, 2, 98, 30, 70);
    byte[][] out = new byte[densities.size() + 3][size];
    for (int d = 0; d < densities.size(); d++) {
      for (int i = 0; i < size; i++) {
        out[d][i] = (byte) (random.nextInt(100) < densities.get(d) ? 0 : 255);
      }
    }
    for (int i = 0; i < size; i++) {
      out[densities.size()][i] = (byte) (i % 2 == 0 ? 0 : 255);
    }
    Arrays.fill(out[densities.size() + 2], (byte) 255);
    return out;
  }
}
