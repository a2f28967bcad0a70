package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.FitCheck;
import io.onebit.codegen.GoldenComparison;
import io.onebit.codegen.ModelView;
import io.onebit.model.DeployModel;
import io.onebit.model.RandomArchitectures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A sample of the host fuzz test on QEMU: random networks ({@link RandomArchitectures}, the same
 * generator) linked several to a firmware, on the Cortex-M0 micro:bit (Thumb-1 C kernels) and the
 * Cortex-M4 mps2-an386 (Thumb-2 blocks, DSP byte sums). Every int32 score equals the golden model.
 */
class FuzzOnQemuTest {
  private static final int SAMPLES = 6;

  /** {board, firmware images, models per image, RAM and flash budget per model in bytes}. */
  private static final Object[][] BOARDS = {
      {"microbit", 3, 5, 2_000L, 30_000L},
      {"mps2-an386", 2, 16, 200_000L, 120_000L},
  };

  @TestFactory
  Stream<DynamicTest> randomNetworksAreBitExactOnM0AndM4() {
    return Stream.of(BOARDS).map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
      Board board = Boards.load((String) row[0]);
      Random random = new Random(((String) row[0]).hashCode());
      int checked = 0;
      for (int image = 0; image < (Integer) row[1]; image++) {
        List<MultiModelFirmware.Case> cases = new ArrayList<>();
        while (cases.size() < (Integer) row[2]) {
          DeployModel model = RandomArchitectures.random(random).build("q" + image + "_" + cases.size());
          ModelView view;
          try {
            view = ModelView.of(model, board);
          } catch (DoesNotFitException e) {
            continue;
          }
          long flash = FitCheck.constantBytes(view) + (long) SAMPLES * model.input().size();
          if (view.ramBytes() <= (Long) row[3] && flash <= (Long) row[4]) {
            byte[][] samples = new byte[SAMPLES][];
            for (int i = 0; i < SAMPLES; i++) {
              samples[i] = RandomArchitectures.sample(model.input(), random);
            }
            cases.add(new MultiModelFirmware.Case(model, samples));
          }
        }
        MultiModelFirmware.Outcome out = MultiModelFirmware.run(cases, board,
            QemuFixtures.WORK.resolve("fuzz-" + board.name() + "-" + image));
        for (int m = 0; m < cases.size(); m++) {
          MultiModelFirmware.Case c = cases.get(m);
          GoldenComparison g = GoldenComparison.compare(c.model(), c.samples(), out.results().get(m), null);
          assertTrue(g.bitExact(), board.name() + " " + c.model().info().get("spec") + " on "
              + c.model().input() + ": " + g.summary());
          checked += c.samples().length;
        }
      }
      assertEquals((Integer) row[1] * (Integer) row[2] * SAMPLES, checked);
      System.out.println("[qemu-fuzz] " + board.name() + ": " + checked + " (architecture, input) pairs bit-exact");
    }));
  }
}
