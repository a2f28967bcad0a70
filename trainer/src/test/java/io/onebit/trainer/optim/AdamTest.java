package io.onebit.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
  @Test
  void firstStepMovesEachWeightByTheLearningRateAgainstTheGradientSign() {
    Param p = Param.real("p", new float[] {0.5f, -0.5f, 0f});
    p.grad()[0] = 3f;
    p.grad()[1] = -0.001f;
    new Adam(Adam.Moments.DEFAULT, 0f).step(List.of(p), 0.01f);
    assertEquals(0.49f, p.value()[0], 1e-5);
    assertEquals(-0.49f, p.value()[1], 1e-4);
    assertEquals(0f, p.value()[2], 0f);
  }

  @Test
  void latentWeightsAreClippedToTheirRange() {
    Param p = Param.latentWeights("w", new float[] {0.999f, -0.999f}, 1f);
    p.grad()[0] = -1f;
    p.grad()[1] = 1f;
    new Adam(Adam.Moments.DEFAULT, 0f).step(List.of(p), 0.1f);
    assertEquals(1f, p.value()[0]);
    assertEquals(-1f, p.value()[1]);
  }

  @Test
  void minimisesAQuadratic() {
    Param p = Param.real("x", new float[] {4f});
    Adam adam = new Adam(Adam.Moments.DEFAULT, 0f);
    for (int i = 0; i < 2000; i++) {
      p.grad()[0] = 2 * (p.value()[0] - 1.5f);
      adam.step(List.of(p), 0.05f);
    }
    assertTrue(Math.abs(p.value()[0] - 1.5f) < 1e-2, "x = " + p.value()[0]);
  }
}
