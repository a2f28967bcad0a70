package io.onebit.trainer.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The folded 8-bit-layer rule "−1 when dot' &lt; T" gives sign(s·(dot − μ) + β) for every dot. */
class BitplaneThresholdTest {
  private static void check(int maxAbsDot, double scale, double mean, double beta) {
    BitplaneThreshold t = BitplaneThreshold.of(maxAbsDot, scale, mean, beta);
    for (int dot = -maxAbsDot; dot <= maxAbsDot; dot++) {
      boolean plus = scale * (dot - mean) + beta >= 0;
      int deployedDot = t.flipFilter() ? -dot : dot;
      assertEquals(plus, !(deployedDot < t.threshold()),
          "dot " + dot + " scale " + scale + " mean " + mean + " beta " + beta + " -> " + t);
    }
  }

  @Test
  void matchesBatchNormSignForEveryDot() {
    Random r = new Random(1);
    int m = 255 * 9;
    for (int i = 0; i < 300; i++) {
      double scale = (r.nextDouble() - 0.5) * 0.02;
      check(m, scale, (r.nextDouble() - 0.5) * 2 * m, (r.nextDouble() - 0.5) * 4);
    }
  }

  @Test
  void integerCrossingsZeroScaleAndSaturation() {
    int m = 255 * 9;
    check(m, 0.5, 100, 0);     // t = 100 exactly: dot = 100 is +1
    check(m, -0.5, 100, 0);    // negative scale: +1 for dot ≤ 100
    check(m, 0, 0, 0.3);       // constant +1
    check(m, 0, 0, -0.3);      // constant −1
    check(m, 1e-3, 0, 50);     // t = −50000 < −M: always +1
    check(m, 1e-3, 0, -50);    // t = 50000 > M: always −1
    check(m, -1e-3, 0, -50);
  }
}
