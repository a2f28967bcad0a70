package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.GoldenComparison;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two generated models in one firmware (every public name and macro carries the model's prefix, so
 * both model.h files are included and both model.c files linked), run on QEMU mps2-an386: each
 * prints the golden model's scores. One is an MLP on 28 x 28 input, the other a CNN on 8-bit input.
 */
class TwoModelsOneFirmwareTest {
  @Test
  void bothModelsOfOneFirmwareAreBitExact() throws Exception {
    Random random = new Random(88);
    DeployModel a = RandomModels.dense("net_a", QemuFixtures.MNIST, new int[] {64, 40, 10}, random);
    DeployModel b = RandomModels.fromSpec("net_b", InputSpec.bitplanes(12, 12, 1),
        "conv16k3x3s1same,pool2s2,conv33k3x3s1same,flatten,dense20,out4", random);
    byte[][] sa = QemuFixtures.samples(a.input(), 6, 1);
    byte[][] sb = QemuFixtures.samples(b.input(), 6, 2);
    Board board = Boards.load("mps2-an386");
    MultiModelFirmware.Outcome out = MultiModelFirmware.run(List.of(new MultiModelFirmware.Case(a, sa),
        new MultiModelFirmware.Case(b, sb)), board, QemuFixtures.WORK.resolve("two-models"));
    assertEquals("bit-exact on 6 samples", GoldenComparison.compare(a, sa, out.results().get(0), null).summary());
    assertEquals("bit-exact on 6 samples", GoldenComparison.compare(b, sb, out.results().get(1), null).summary());
  }
}
