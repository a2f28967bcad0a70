package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.ElfSizes;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The same firmware on mps2-an385 (Cortex-M3: no DSP instructions, the portable byte sums). */
class SfcOnMps2An385Test {
  private final Board board = Boards.load("mps2-an385");

  @Test
  void sfcIsBitExactOnCortexM3() throws Exception {
    DeployModel model = QemuFixtures.sfc(5);
    QemuReport report = QemuTestRunner.run(model, board, QemuFixtures.samples(model.input(), 60, 6), null,
        QemuFixtures.WORK.resolve("sfc-an385"));
    QemuFixtures.keep("sfc-mps2-an385-optimised", report);
    assertTrue(report.bitExact(), report.summary());
    assertFalse(ElfSizes.hasSymbol(QemuFixtures.WORK.resolve("sfc-an385").resolve("firmware.elf"), "__popcountsi2"));
  }

  @Test
  void oddShapesAreBitExactOnCortexM3() throws Exception {
    Random random = new Random(9);
    InputSpec input = InputSpec.thresholded(3, 11, 1, 200);
    DeployModel model = RandomModels.dense("odd", input, new int[] {47, 33, 1, 7}, random);
    QemuReport report = QemuTestRunner.run(model, board, QemuFixtures.samples(input, 50, 10), null,
        QemuFixtures.WORK.resolve("odd-an385"));
    assertTrue(report.bitExact(), report.summary());
    assertEquals(50, report.samples());
  }
}
