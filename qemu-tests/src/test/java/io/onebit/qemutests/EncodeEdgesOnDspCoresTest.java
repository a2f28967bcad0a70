package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The DSP input encoding (USUB8 + GE flags, 4 pixels per step) at its edges, bit-exact against the
 * golden model on the M4 and the M55: thresholds 0 (portable path), 1, 200 and 256; inputs that end
 * in a partial word with 0, 1 or 3 leftover pixels after the 4-pixel steps.
 */
class EncodeEdgesOnDspCoresTest {
  @TestFactory
  Stream<DynamicTest> encodingEdgesAreBitExact() {
    int[][] shapes = {{3, 11, 200}, {5, 7, 1}, {2, 30, 256}, {1, 64, 0}, {4, 9, 129}};
    return Stream.of("mps2-an386", "mps3-an547").flatMap(name -> Stream.of(shapes).map(s -> DynamicTest.dynamicTest(
        name + " " + s[0] + "x" + s[1] + " threshold " + s[2], () -> {
          InputSpec input = InputSpec.thresholded(s[0], s[1], 1, s[2]);
          DeployModel model = RandomModels.dense("edge", input, new int[] {40, 9}, new Random(s[0] * 1000L + s[2]));
          QemuReport report = QemuTestRunner.run(model, Boards.load(name), QemuFixtures.samples(input, 30, s[1]), null,
              QemuFixtures.WORK.resolve("edge-" + name + "-" + s[0] + "x" + s[1] + "-" + s[2]));
          assertTrue(report.bitExact(), report.summary());
        })));
  }
}
