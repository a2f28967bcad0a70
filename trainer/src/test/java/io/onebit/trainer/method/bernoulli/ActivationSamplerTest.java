package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sampled hidden activations: ±1 bits at their probabilities, reproducible from (seed, step, block). */
class ActivationSamplerTest {
  private static float[] draw(ActivationSampler s, float e, int n, long step, int block) {
    float[] x = new float[n];
    Arrays.fill(x, e);
    s.draw(x, n, step, block);
    return x;
  }

  @Test
  void bitsArePlusOneWithTheirProbability() {
    ActivationSampler s = new ActivationSampler(7);
    int n = 200_000;
    for (float e : new float[] {-0.9f, -0.2f, 0f, 0.4f}) {
      float[] x = draw(s, e, n, 3, 1);
      int plus = 0;
      for (float v : x) {
        assertTrue(v == 1f || v == -1f);
        plus += v > 0 ? 1 : 0;
      }
      double p = 0.5 * (1 + e);
      // 5 standard deviations of a binomial share
      assertEquals(p, plus / (double) n, 5 * Math.sqrt(p * (1 - p) / n), "e = " + e);
    }
    for (float v : draw(s, 1f, 1000, 0, 0)) {
      assertEquals(1f, v);
    }
    for (float v : draw(s, -1f, 1000, 0, 0)) {
      assertEquals(-1f, v);
    }
  }

  @Test
  void drawsDependOnSeedStepAndBlockOnly() {
    ActivationSampler s = new ActivationSampler(11);
    float[] a = draw(s, 0f, 4096, 5, 2);
    assertArrayEquals(a, draw(new ActivationSampler(11), 0f, 4096, 5, 2));
    float[][] others = {draw(s, 0f, 4096, 6, 2), draw(s, 0f, 4096, 5, 3), draw(new ActivationSampler(12), 0f, 4096, 5,
        2)};
    for (float[] o : others) {
      int same = 0;
      for (int i = 0; i < a.length; i++) {
        same += a[i] == o[i] ? 1 : 0;
      }
      // independent fair bits agree about half the time
      assertEquals(0.5, same / (double) a.length, 0.05);
    }
  }
}
