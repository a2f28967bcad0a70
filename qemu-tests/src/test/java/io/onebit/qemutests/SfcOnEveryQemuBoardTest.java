package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.codegen.SampleBatches;
import io.onebit.model.DeployModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A random SFC-shaped model (784-256-256-256-10) bit-exact on every board with a QEMU machine, each
 * with its core's kernels (M0 Thumb-1, M3, M4 and M7 DSP, M33, M55). The sample count is one more
 * than the smallest board's flash holds beside SFC, so the micro:bit runs its samples as two
 * firmware images (QemuTestRunner splits them).
 */
class SfcOnEveryQemuBoardTest {
  @TestFactory
  Stream<DynamicTest> sfcIsBitExactOnEveryQemuBoard() {
    DeployModel model = QemuFixtures.sfc(31);
    List<Board> boards = Boards.names().stream().map(Boards::load).filter(Board::emulated).toList();
    assertFalse(boards.isEmpty(), "no emulated board in boards/");
    int smallest = boards.stream().mapToInt(b -> SampleBatches.perImage(model, b)).min().orElseThrow();
    int count = Math.min(smallest + 1, 400);
    byte[][] samples = QemuFixtures.samples(model.input(), count, 32);
    return boards.stream().map(board -> DynamicTest.dynamicTest(board.name(), () -> {
      QemuReport report = QemuTestRunner.run(model, board, samples, null, QemuFixtures.WORK.resolve("sfc-every-" + board.name()));
      QemuFixtures.keep("sfc-" + board.name(), report);
      assertEquals(count, report.samples());
      assertTrue(report.bitExact(), report::summary);
      assertTrue(report.instructionsPerInference() > 10_000, report.summary());
    }));
  }
}
