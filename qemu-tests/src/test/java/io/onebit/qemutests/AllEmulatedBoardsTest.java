package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.RandomModels;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The regression on every emulated board present in boards/ (every board with a QEMU machine), with
 * a small random model of the TFC shape (784-64-64-64-10) so it stays fast. A board the model does
 * not fit is skipped with the fit check's message.
 */
class AllEmulatedBoardsTest {
  static final int[] TFC_WIDTHS = {64, 64, 64, 10};

  @TestFactory
  Stream<DynamicTest> tfcIsBitExactOnEveryEmulatedBoard() {
    DeployModel model = RandomModels.dense("tfc", QemuFixtures.MNIST, TFC_WIDTHS, new Random(21));
    byte[][] samples = QemuFixtures.samples(model.input(), 20, 22);
    List<Board> boards = Boards.names().stream().map(Boards::load).filter(Board::emulated).toList();
    assertFalse(boards.isEmpty(), "no emulated board in boards/");
    return boards.stream().map(board -> DynamicTest.dynamicTest(board.name(), () -> {
      QemuReport report;
      try {
        report = QemuTestRunner.run(model, board, samples, null, QemuFixtures.WORK.resolve("all-" + board.name()));
      } catch (DoesNotFitException e) {
        Assumptions.abort(e.getMessage());
        throw e;
      }
      QemuFixtures.keep("tfc-" + board.name(), report);
      assertTrue(report.bitExact(), report.summary());
      assertTrue(report.instructionsPerInference() > 0, report.summary());
      assertTrue(report.stackBytes() > 0 && report.stackBytes() < 4096, report.summary());
    }));
  }
}
