package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault report's bigk2 (which failed to link: a zeroed local array became a memset call) and
 * the other models of {@link FreestandingLinkTest} run bit-exact on every emulated board they fit,
 * with a 16 x 16 bigk2 for the micro:bit's 16 KiB of RAM.
 */
class FreestandingModelsOnQemuTest {
  @TestFactory
  Stream<DynamicTest> stressModelsRunOnEveryEmulatedBoard() {
    List<DeployModel> models = new ArrayList<>(FreestandingLinkTest.stressModels());
    models.add(RandomModels.fromSpec("bigk2_small", InputSpec.thresholded(16, 16, 1, 128),
        "conv64k3x3s4same,conv33k13x13s1same,flatten,out10", new Random(18)));
    return Boards.names().stream().map(Boards::load).filter(Board::emulated).map(board ->
        DynamicTest.dynamicTest(board.name(), () -> {
          List<String> ran = new ArrayList<>();
          for (DeployModel model : models) {
            byte[][] samples = QemuFixtures.samples(model.input(), 3, 91);
            QemuReport report;
            try {
              report = QemuTestRunner.run(model, board, samples, null,
                  QemuFixtures.WORK.resolve("stress-" + board.name() + "-" + model.name()));
            } catch (DoesNotFitException e) {
              continue;
            }
            assertTrue(report.bitExact(), board.name() + " " + model.name() + ": " + report.summary());
            ran.add(model.name());
          }
          assertTrue(ran.contains("bigk2") || ran.contains("bigk2_small"), board.name() + " ran " + ran);
          assertTrue(ran.size() >= 3, board.name() + " ran only " + ran);
        }));
  }
}
