package io.onebit.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OptimizersTest {
  @Test
  void ap2IsTheNearestPowerOfTwoInLog() {
    assertEquals(4f, Ap2.of(3.14f));
    assertEquals(2f, Ap2.of(2.5f));
    assertEquals(1f, Ap2.of(1f));
    assertEquals(-0.25f, Ap2.of(-0.3f));
    assertEquals(0.125f, Ap2.of(0.1f));
    assertEquals(0f, Ap2.of(0f));
    assertEquals(1024f, Ap2.of(1000f));
    assertTrue(Ap2.of(1e-44f) > 0);
    assertEquals(Math.scalb(1f, 127), Ap2.of(Float.MAX_VALUE));
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 10000; i++) {
      float x = (float) Math.exp(random.nextGaussian() * 20) * (random.nextBoolean() ? 1 : -1);
      double e = Math.rint(Math.log(Math.abs(x)) / Math.log(2));
      assertEquals((float) Math.copySign(Math.scalb(1.0, (int) Math.max(-149, Math.min(127, e))), x), Ap2.of(x), "x = " + x);
    }
  }

  private static float minimise(Supplier<Optimizer> make, float lr, int steps) {
    Param p = Param.real("x", new float[] {4f});
    Optimizer opt = make.get();
    for (int i = 0; i < steps; i++) {
      p.zeroGrad();
      p.grad()[0] = 2 * (p.value()[0] - 1.5f);
      opt.step(List.of(p), lr);
    }
    return p.value()[0];
  }

  @Test
  void sgdAdaMaxAndShiftAdaMaxMinimiseAQuadratic() {
    assertEquals(1.5f, minimise(() -> new Sgd(0.9f, 0f), 0.01f, 500), 1e-3);
    assertEquals(1.5f, minimise(() -> new Sgd(0f, 0f), 0.1f, 200), 1e-3);
    assertEquals(1.5f, minimise(() -> new AdaMax(Adam.Moments.DEFAULT, 0f), 0.05f, 2000), 2e-2);
    assertEquals(1.5f, minimise(() -> new ShiftAdaMax(Adam.Moments.DEFAULT, 0f), 0.05f, 2000), 5e-2);
  }

  @Test
  void sgdFirstStepIsLrTimesGradientPlusDecay() {
    Param p = Param.latentWeights("w", new float[] {0.5f, -0.5f}, 2f);
    p.grad()[0] = 1f;
    p.grad()[1] = 0f;
    new Sgd(0.9f, 0.1f).step(List.of(p), 0.01f);
    assertEquals(0.5f - 0.02f * (1f + 0.05f), p.value()[0], 1e-6);
    assertEquals(-0.5f + 0.02f * 0.05f, p.value()[1], 1e-6);
  }

  @Test
  void shiftAdaMaxStepsArePowersOfTwo() {
    Param p = Param.real("w", new float[] {0f, 0f});
    p.grad()[0] = 0.3f;
    p.grad()[1] = -7f;
    new ShiftAdaMax(Adam.Moments.DEFAULT, 0f).step(List.of(p), 0.01f);
    // m = 0.1·g, u = |g|, step = AP2(0.01/(1−0.9)) = 0.125: Δ = 0.125 · 0.1·g · AP2(1/|g|)
    assertEquals(-0.125f * 0.1f * 0.3f * Ap2.of(1 / 0.3f), p.value()[0], 1e-7);
    assertEquals(0.125f * 0.1f * 7f * Ap2.of(1 / 7f), p.value()[1], 1e-7);
  }

  @Test
  void adamWeightDecayShrinksWeightsWithoutGradient() {
    Param p = Param.real("w", new float[] {0.5f, -0.5f});
    Adam adam = new Adam(Adam.Moments.DEFAULT, 0.1f);
    for (int i = 0; i < 50; i++) {
      p.zeroGrad();
      adam.step(List.of(p), 0.01f);
    }
    assertTrue(p.value()[0] < 0.5f && p.value()[0] > 0f, "w0 " + p.value()[0]);
    assertTrue(p.value()[1] > -0.5f && p.value()[1] < 0f, "w1 " + p.value()[1]);
  }

  @Test
  void bopFlipsExactlyWhenMomentumExceedsThresholdWithTheWeightsSign() {
    // weights: +, +, −, −, +; gradients chosen so that m = γ·g after one step (m starts at 0)
    Param p = Param.latentWeights("w", new float[] {0.3f, 0.2f, -0.1f, -0.4f, 0f}, 1f);
    float[] g = {2f, -2f, -2f, 0.5f, 1.5f};
    System.arraycopy(g, 0, p.grad(), 0, g.length);
    Bop bop = new Bop(new Bop.Params(0.1f, 0.1f));
    bop.step(List.of(p), 1f);
    // m = 0.2, −0.2, −0.2, 0.05, 0.15; flip iff |m| > 0.1 and sign(m) = sign(w)
    assertArrayEquals(new float[] {-1f, 1f, 1f, -1f, -1f}, p.value());
    // a second step with zero gradient: m decays to 0.18, −0.18, −0.18, 0.045, 0.135; now
    // w = −,+,+,−,− so sign(m) = sign(w) nowhere except none → no flips
    p.zeroGrad();
    bop.step(List.of(p), 1f);
    assertArrayEquals(new float[] {-1f, 1f, 1f, -1f, -1f}, p.value());
    // the schedule anneals γ: at lr = first lr / 10, γ = 0.01
    Param q = Param.latentWeights("q", new float[] {1f}, 1f);
    Bop annealed = new Bop(new Bop.Params(0.05f, 0.1f));
    q.grad()[0] = 1f;
    annealed.step(List.of(q), 1f); // m = 0.1 > 0.05, sign + = sign w → flip to −1
    assertEquals(-1f, q.value()[0]);
    q.grad()[0] = -10f;
    annealed.step(List.of(q), 0.1f); // γ = 0.01: m = 0.99·0.1 − 0.1 = −0.001, |m| < τ → stays
    assertEquals(-1f, q.value()[0]);
  }

  @Test
  void bopRefusesRealParametersAndBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new Bop(new Bop.Params(1e-6f, 1e-3f)).step(List.of(Param.real("g", new float[1])), 1f));
    assertThrows(IllegalArgumentException.class, () -> new Bop(new Bop.Params(-1f, 1e-3f)));
    assertThrows(IllegalArgumentException.class, () -> new Bop(new Bop.Params(1e-6f, 0f)));
  }

  @Test
  void routerSendsBinaryAndRealParametersToTheirOwnOptimizer() {
    List<String> binarySeen = new ArrayList<>();
    List<String> realSeen = new ArrayList<>();
    Optimizer binary = recorder(binarySeen);
    Optimizer real = recorder(realSeen);
    List<Param> params = List.of(Param.latentWeights("w0", new float[1], 1f), Param.real("g0", new float[1]),
        Param.real("b0", new float[1]), Param.latentWeights("w1", new float[1], 1f));
    new OptimizerRouter(binary, real).step(params, 0.1f);
    assertEquals(List.of("w0", "w1"), binarySeen);
    assertEquals(List.of("g0", "b0"), realSeen);
  }

  /** An optimizer that only records which parameters it was given. */
  private static Optimizer recorder(List<String> seen) {
    return new Optimizer() {
      @Override
      public void step(List<Param> params, float lr) {
        params.forEach(p -> seen.add(p.name()));
      }

      @Override
      public void saveState(io.onebit.trainer.state.TrainingState state, String prefix) {}

      @Override
      public void restoreState(io.onebit.trainer.state.TrainingState state, String prefix, List<Param> params) {}
    };
  }
}
