package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.model.SampleType;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Raw integer inputs as firmware on every emulated board (M0 without a divider or DSP, M3, M4, M7,
 * M33, M55), every int32 score equal to the golden model: an int16 3-axis window through the input map
 * into a [1, 5] bitplane conv (the time-series shape), and int16 features with per-channel thresholds
 * into a dense layer.
 */
class RawInputOnQemuTest {
  @TestFactory
  Stream<DynamicTest> rawInputModelsAreBitExactOnEveryQemuBoard() {
    InputSpec series = InputSpec.bitplanes(1, 32, 3, SampleType.INT16,
        InputMap.fit(new int[] {-4000, -300, 0}, new int[] {4000, 9000, 1}), null);
    DeployModel conv = RandomModels.fromSpec("accel", series, "conv16k1x5s1same,pool1s2,conv16k1x3s1valid,flatten,out4",
        new Random(1601));
    InputSpec features = InputSpec.thresholded(1, 1, 13, SampleType.INT16,
        new int[] {-32768, 32768, 0, 5, -5, 100, 200, -200, 7, 8, 9, 1000, -1000}, null);
    DeployModel dense = RandomModels.dense("tabular", features, new int[] {24, 3}, new Random(1602));
    List<Board> boards = Boards.names().stream().map(Boards::load).filter(Board::emulated).toList();
    assertFalse(boards.isEmpty(), "no emulated board in boards/");
    return boards.stream().flatMap(board -> Stream.of(conv, dense).map(model -> DynamicTest.dynamicTest(
        model.name() + " on " + board.name(), () -> {
          byte[][] samples = QemuFixtures.samples(model.input(), 12, 1603);
          String work = "raw-" + model.name() + "-" + board.name();
          QemuReport report = QemuTestRunner.run(model, board, samples, null, QemuFixtures.WORK.resolve(work));
          QemuFixtures.keep(work, report);
          assertEquals(samples.length, report.samples());
          assertTrue(report.bitExact(), () -> report.summary() + ", first: " + report.mismatches().get(0).describe());
        })));
  }
}
