package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.QemuReport;
import io.onebit.codegen.QemuTestRunner;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Convolutional models as firmware on QEMU, every int32 score equal to the golden model: random conv
 * shapes on mps2-an386 (Cortex-M4: DSP byte sums, Thumb-2 column blocks), and one small model with
 * every conv layer type on every emulated board (M0 Thumb-1 C, M3 without DSP, M4/M7/M33/M55).
 */
class ConvOnQemuTest {
  /** {height, width, channels, threshold (or -1: bitplanes), spec}: strides, paddings, odd channel counts. */
  private static final Object[][] SHAPES = {
      {9, 9, 3, 128, "conv31k5x5s2same,conv33k1x1s1valid,flatten,dense20,out5"},
      {10, 10, 1, -1, "conv16k3x3s1same,conv32k3x3s1same,pool2s2,flatten,out10"},
      {9, 7, 3, -1, "conv33k2x4s2valid,pool2s1,flatten,dense40,out6"},
      {6, 6, 64, 128, "conv64k3x2s1same,conv3k4x4s2same,flatten,out4"},
      {8, 8, 64, -1, "conv40k3x3s1same,flatten,dense33,out2"},
      {11, 13, 16, 90, "pool2s2,conv32k3x3s2valid,flatten,out10"},
      {13, 13, 1, -1, "conv5k3x3s2valid,flatten,out2"},
      {11, 9, 3, -1, "conv17k3x7s2same,pool2s2,flatten,out5"},
  };
  /** The small model for every board: bitplane conv, conv, pool, a re-packing flatten, dense. */
  private static final String SMALL_SPEC = "conv8k3x3s1same,pool2s2,conv33k3x3s2same,flatten,dense20,out5";

  @TestFactory
  Stream<DynamicTest> randomConvModelsAreBitExactOnMps2An386() {
    Board board = Boards.load("mps2-an386");
    Random random = new Random(606);
    return java.util.stream.IntStream.range(0, SHAPES.length).mapToObj(m -> {
      Object[] row = SHAPES[m];
      int threshold = (Integer) row[3];
      InputSpec input = threshold < 0 ? InputSpec.bitplanes((Integer) row[0], (Integer) row[1], (Integer) row[2])
          : InputSpec.thresholded((Integer) row[0], (Integer) row[1], (Integer) row[2], threshold);
      DeployModel model = RandomModels.fromSpec("conv" + m, input, (String) row[4], random);
      byte[][] samples = QemuFixtures.samples(input, 25, 700 + m);
      return DynamicTest.dynamicTest(input.encoding() + " " + input.shape() + " " + row[4], () -> {
        QemuReport report = QemuTestRunner.run(model, board, samples, null, QemuFixtures.WORK.resolve("conv-an386-" + m));
        QemuFixtures.keep("conv-an386-" + m, report);
        assertEquals(samples.length, report.samples());
        assertTrue(report.bitExact(), report::summary);
      });
    });
  }

  @TestFactory
  Stream<DynamicTest> smallConvModelIsBitExactOnEveryQemuBoard() {
    InputSpec input = InputSpec.bitplanes(12, 12, 3);
    DeployModel model = RandomModels.fromSpec("small_cnn", input, SMALL_SPEC, new Random(808));
    byte[][] samples = QemuFixtures.samples(input, 20, 809);
    List<Board> boards = Boards.names().stream().map(Boards::load).filter(Board::emulated).toList();
    assertFalse(boards.isEmpty(), "no emulated board in boards/");
    return boards.stream().map(board -> DynamicTest.dynamicTest(board.name(), () -> {
      QemuReport report = QemuTestRunner.run(model, board, samples, null, QemuFixtures.WORK.resolve("small-cnn-" + board.name()));
      QemuFixtures.keep("small-cnn-" + board.name(), report);
      assertEquals(samples.length, report.samples());
      assertTrue(report.bitExact(), report::summary);
    }));
  }
}
