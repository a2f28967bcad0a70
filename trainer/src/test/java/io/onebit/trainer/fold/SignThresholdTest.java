package io.onebit.trainer.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignThresholdTest {
  /** For every reachable popcount p, the folded rule gives the sign of s·(K−2p−μ)+β. */
  @Test
  void agreesWithBatchNormThenSignForEveryPopcount() {
    Random random = new Random(11);
    for (int trial = 0; trial < 5000; trial++) {
      int k = 1 + random.nextInt(300);
      double scale = trial % 50 == 0 ? 0 : random.nextGaussian();
      double mean = random.nextGaussian() * k / 4;
      double beta = random.nextGaussian() * 2;
      if (trial % 7 == 0) {
        beta = Math.rint(beta); // exact ties: y = 0 must give +1
        mean = Math.rint(mean);
        scale = Math.signum(scale);
      }
      SignThreshold st = SignThreshold.of(k, scale, mean, beta);
      for (int p = 0; p <= k; p++) {
        int z = k - 2 * p;
        boolean plusOne = scale * (z - mean) + beta >= 0;
        int deployedP = st.flipRow() ? k - p : p;
        boolean deployedPlusOne = deployedP <= st.threshold();
        assertEquals(plusOne, deployedPlusOne, "k=" + k + " s=" + scale + " mu=" + mean + " beta=" + beta + " p=" + p);
      }
    }
  }

  @Test
  void constantChannelsUseTheExtremeThresholds() {
    assertEquals(new SignThreshold(10, false), SignThreshold.of(10, 0, 3, 0.5));
    assertEquals(new SignThreshold(-1, false), SignThreshold.of(10, 0, 3, -0.5));
    assertEquals(new SignThreshold(-1, false), SignThreshold.of(10, 1e-30, 0, -1));
    assertEquals(new SignThreshold(10, false), SignThreshold.of(10, 1e-30, 0, 1));
  }
}
