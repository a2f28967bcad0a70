package io.onebit.qemutests;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.BenchReport;
import io.onebit.codegen.BenchRunner;
import io.onebit.codegen.Boards;
import io.onebit.model.DeployModel;
import org.junit.jupiter.api.Test;

/**
 * The cnn-ref shape (issue 6; archs/cnn-ref.json, random weights) as firmware on QEMU's mps2-an386 (Cortex-M4): both
 * kernel families bit-exact against the golden model on random samples, and the optimised firmware
 * within the instruction budget. Prints the figures per layer.
 */
class CnnRefOnMps2An386Test {
  /**
   * Measured 2,981,227 instructions per inference on these 6 random samples (reference kernels 408 M),
   * 2,866,593 since the 8-bit layer uses subset-sum tables; the budget is the first + 7% (issue 6 asked
   * for at most 3.6 M; int8 CMSIS-NN takes 28.7 M). The conv
   * kernel visits the 1 bits of the activations, so the count follows their density.
   */
  static final double OPTIMISED_BUDGET = 3_200_000;

  @Test
  void bitExactWithinTheInstructionBudget() {
    DeployModel model = RandomDeployModels.of(Architecture.named("cnn-ref"), 28, 28, 1, 10, 1);
    byte[][] samples = QemuFixtures.samples(model.input(), 6, 7);
    BenchReport r = BenchRunner.run(model, Boards.load("mps2-an386"), samples, QemuFixtures.WORK.resolve("cnn-ref-an386"));
    System.out.printf("[qemu] cnn-ref on mps2-an386: optimised %.0f, reference %.0f instructions per inference (%.1fx),"
        + " %.2f per XOR word (%d words)%n", r.optimised().instructionsPerInference(),
        r.reference().instructionsPerInference(), r.speedup(), r.optimisedInstructionsPerWord(), r.xorWords());
    for (int i = 0; i < r.optimised().layers().size(); i++) {
      System.out.printf("[qemu]   %-32s %12.0f %14.0f%n", r.optimised().layers().get(i).name(),
          r.optimised().layers().get(i).instructions(), r.reference().layers().get(i).instructions());
    }
    System.out.printf("[qemu]   model flash %d B, model RAM %d B%n", r.optimised().modelFlashBytes(), r.optimised().modelRamBytes());
    assertTrue(r.optimised().bitExact(), "optimised kernels differ from the golden model");
    assertTrue(r.reference().bitExact(), "reference kernels differ from the golden model");
    assertTrue(r.optimised().instructionsPerInference() <= OPTIMISED_BUDGET,
        r.optimised().instructionsPerInference() + " instructions per inference");
  }
}
