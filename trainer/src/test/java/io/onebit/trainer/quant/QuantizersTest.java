package io.onebit.trainer.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantizersTest {
  @ParameterizedTest
  @ValueSource(strings = {"ste-sign", "approx-sign", "swish-sign", "stochastic"})
  void everyQuantizerDeploysSignWithSignOfZeroPlusOne(String name) {
    Quantizer q = Quantizers.ACTIVATIONS.algorithm(name).factory().apply(io.onebit.trainer.hyper.Settings.defaults());
    assertEquals(name, q.name());
    assertEquals(1f, q.forward(0f));
    assertEquals(1f, q.forward(-0f));
    assertEquals(1f, q.forward(0.3f));
    assertEquals(-1f, q.forward(-1e-7f));
    assertEquals(-1f, q.forward(-5f));
  }

  @Test
  void steSignCancelsOutsideTheClip() {
    SteSign q = new SteSign(0.5f);
    assertEquals(1f, q.backward(0.5f));
    assertEquals(1f, q.backward(-0.2f));
    assertEquals(0f, q.backward(0.51f));
    assertEquals(0f, q.backward(-3f));
    assertEquals(1f, new SteSign(1f).backward(-1f));
    assertThrows(IllegalArgumentException.class, () -> new SteSign(0f));
  }

  @Test
  void approxSignIsTheDerivativeOfBiRealsPiecewiseQuadratic() {
    ApproxSign q = new ApproxSign();
    assertEquals(2f, q.backward(0f));
    assertEquals(1f, q.backward(0.5f));
    assertEquals(1f, q.backward(-0.5f));
    assertEquals(0f, q.backward(1f));
    assertEquals(0f, q.backward(1.5f));
    // gradient check against F(x) = 2x ∓ x² on [−1, 1]
    for (double x = -0.95; x < 0.95; x += 0.1) {
      double h = 1e-4;
      double numeric = (biReal(x + h) - biReal(x - h)) / (2 * h);
      assertEquals(numeric, q.backward((float) x), 1e-3, "x = " + x);
    }
  }

  private static double biReal(double x) {
    if (x < -1) {
      return -1;
    }
    if (x < 0) {
      return 2 * x + x * x;
    }
    if (x < 1) {
      return 2 * x - x * x;
    }
    return 1;
  }

  @ParameterizedTest
  @ValueSource(floats = {1f, 5f, 10f})
  void swishSignBackwardIsTheDerivativeOfSignSwish(float beta) {
    SwishSign q = new SwishSign(beta);
    assertEquals(beta, q.backward(0f), 1e-6);
    for (double x = -2; x <= 2; x += 0.0625) {
      double h = 1e-5;
      double numeric = (q.signSwish(x + h) - q.signSwish(x - h)) / (2 * h);
      assertEquals(numeric, q.backward((float) x), 1e-3 * Math.max(1, beta), "beta " + beta + ", x = " + x);
    }
    assertEquals(0f, q.backward(1e6f));
    assertThrows(IllegalArgumentException.class, () -> new SwishSign(-1f));
  }

  @Test
  void stochasticDrawsPlusOneWithProbabilityHardSigmoid() {
    StochasticSign q = new StochasticSign();
    assertTrue(q.stochastic());
    assertFalse(new SteSign(1f).stochastic());
    assertEquals(0f, StochasticSign.hardSigmoid(-1f));
    assertEquals(0.5f, StochasticSign.hardSigmoid(0f));
    assertEquals(0.75f, StochasticSign.hardSigmoid(0.5f));
    assertEquals(1f, StochasticSign.hardSigmoid(2f));
    Random random = new Random(5);
    for (float x : new float[] {-0.5f, 0f, 0.6f}) {
      int plus = 0;
      int n = 40000;
      for (int i = 0; i < n; i++) {
        float v = q.sample(x, random);
        assertTrue(v == 1f || v == -1f);
        if (v > 0) {
          plus++;
        }
      }
      assertEquals(StochasticSign.hardSigmoid(x), plus / (double) n, 0.01, "x = " + x);
    }
    assertEquals(1f, q.sample(1f, random));
    assertEquals(-1f, q.sample(-1f, random));
    assertEquals(1f, q.backward(0.9f));
    assertEquals(0f, q.backward(1.1f));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantizers.ACTIVATIONS.algorithm("tanh"));
    assertTrue(e.getMessage().contains("ste-sign, approx-sign, swish-sign, stochastic"), e.getMessage());
  }
}
