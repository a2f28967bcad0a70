package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation plan: one arena of the largest adjacent input + output pair, ends alternating,
 * identity flattens aliased, raw bytes and scores outside; scratch and constants counted per layer,
 * and FitCheck refusing a conv model whose plan exceeds a board's RAM.
 */
class ActivationPlanTest {
  @TempDir Path dir;

  @Test
  void tensorsAlternateEndsAndNeverOverlap() {
    ActivationPlan plan = ActivationPlan.of(List.of(new ActivationPlan.Tensors(0, 10, false),
        new ActivationPlan.Tensors(10, 20, false), new ActivationPlan.Tensors(20, 5, false),
        new ActivationPlan.Tensors(5, 5, true), new ActivationPlan.Tensors(5, 0, false)));
    assertEquals(30, plan.arenaWords(), "the largest pair: 10 + 20");
    assertEquals(List.of(0, 20, 0, 25, 25), plan.inputOffsets());
    assertEquals(List.of(20, 0, 25, 25, 0), plan.outputOffsets());
  }

  @Test
  void cnnRefPlanIsTheLargestPairPlusTheKernelsScratch() throws IOException {
    DeployModel model = ReferenceShapes.cnnRef(1);
    ModelView view = ModelView.of(model, Boards.load("mps2-an386"));
    // Layer 1 (28x28x16 -> 28x28x32) holds the largest pair: 784 + 784 words.
    assertEquals(784 + 784, view.arenaWords());
    // Conv lists: a ring of 3 input rows; the widest is 14 pixels of 1 + 64 words (layer 4).
    assertEquals(Math.max(3 * 28 * (1 + 16), Math.max(3 * 14 * (1 + 32), 3 * 14 * (1 + 64))), view.convListWords());
    assertEquals(24, view.windowWords(), "a 3x3 window of one byte channel: 3 groups of 3 taps, a table of 8 sums each");
    assertEquals(0, view.inputWords(), "the bitplane layer reads the raw bytes");
    assertEquals(4L * (1568 + 3 * 14 * 65 + 24), view.ramBytes());
    assertEquals(8, view.memory().size());
    assertEquals(0, view.memory().get(6).activationBytes(), "flatten of 64 channels is an alias");
    assertTrue(view.memoryLines().get(8).startsWith("RAM 17,288 B"), view.memoryLines().get(8));
    CodeGenerator.generate(model, Boards.load("mps2-an386"), dir, null);
    String c = Files.readString(dir.resolve("model.c"));
    assertTrue(c.contains("static uint32_t cnn_ref_arena[1568];"), c);
    assertTrue(c.contains("onebit_bitplane_conv_sign(input, cnn_ref_l0_weights"), c);
    assertTrue(c.contains("/* layer 6: flatten, an alias of its input */"), c);
  }

  @Test
  void fitCheckCountsTheConvPlan() {
    DeployModel model = ReferenceShapes.cnnRef(1);
    ModelView view = ModelView.of(model, Boards.load("mps2-an386"));
    assertEquals(view.layers().stream().mapToLong(LayerView::constantBytes).sum(), FitCheck.constantBytes(view));
    assertEquals(view.ramBytes(), FitCheck.activationBytes(view));
    Board microbit = Boards.load("microbit");
    DoesNotFitException e = assertThrows(DoesNotFitException.class,
        () -> CodeGenerator.generate(model, microbit, dir.resolve("microbit"), null));
    assertTrue(e.getMessage().contains("RAM needs " + (view.ramBytes() + FitCheck.STACK_RESERVE)), e.getMessage());
  }
}
