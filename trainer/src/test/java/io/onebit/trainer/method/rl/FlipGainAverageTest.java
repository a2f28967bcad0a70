package io.onebit.trainer.method.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.state.TrainingState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample-average rule of local search: the running mean, the choice, the hysteresis of a made flip. */
class FlipGainAverageTest {
  /** Two layers: 2 × 3 and 1 × 2 weights. */
  private static FlipGainAverage twoLayers(double decay) {
    return new FlipGainAverage(decay, new int[] {2, 1}, new int[] {3, 2});
  }

  private static double[][] gains(double... values) {
    return new double[][] {java.util.Arrays.copyOfRange(values, 0, 6), java.util.Arrays.copyOfRange(values, 6, 8)};
  }

  @Test
  void theEstimateIsTheExponentialMeanPerSample() {
    FlipGainAverage g = twoLayers(0.75);
    g.add(gains(4, 0, 0, 0, 0, 0, 0, -8), 2);
    g.add(gains(-4, 0, 0, 0, 0, 0, 0, 8), 4);
    // G = 0.75·(0.25·4/2) + 0.25·(−4/4) = 0.375 − 0.25
    assertEquals(0.125, g.estimate(0, 0, 0), 1e-12);
    assertEquals(0.75 * 0.25 * -4 + 0.25 * 2, g.estimate(1, 0, 1), 1e-12);
  }

  @Test
  void aGainThatAlternatesWithTheBatchIsNotMadeButTheGreedyRuleMakesIt() {
    // weight (0, 0, 0) gains 5 on even batches and loses 5 on odd ones: batch noise around 0;
    // weight (0, 0, 1) gains 1 on every batch: a small, true improvement
    FlipGainAverage averaged = twoLayers(0.9);
    FlipGainAverage greedy = twoLayers(0);
    for (int b = 0; b < 20; b++) {
      double noisy = b % 2 == 0 ? 5 : -5;
      double[][] d = gains(noisy, 1, 0, 0, 0, 0, 0, 0);
      averaged.add(d, 1);
      greedy.add(d, 1);
      if (b == 18) {
        // after an even batch: the greedy rule follows that batch's noise
        assertEquals(List.of(new FlipGainAverage.Flip(0, 0, 0, 5.0)), greedy.best(1));
        // the mean over the batches: 0.5·(1 − 0.9 + 0.81 − ...) = 0.5·(1 + 0.9^19)/1.9 ≈ 0.30 against a steady 1 − 0.9^19 ≈ 0.86
        List<FlipGainAverage.Flip> chosen = averaged.best(1);
        assertEquals(1, chosen.size());
        assertEquals(1, chosen.get(0).column());
      }
    }
  }

  @Test
  void aMadeFlipIsUndoneOnlyWhenTheEvidenceTurns() {
    FlipGainAverage g = twoLayers(0.5);
    g.add(gains(0, 0, 0, 0, 0, 0, 4, 0), 1);
    FlipGainAverage.Flip flip = g.best(8).get(0);
    assertEquals(new FlipGainAverage.Flip(1, 0, 0, 2.0), flip);
    g.made(flip);
    assertEquals(-2.0, g.estimate(1, 0, 0), 1e-12);
    // the next batch says undoing it gains 1: not enough against what making it gained
    g.add(gains(0, 0, 0, 0, 0, 0, 1, 0), 1);
    assertEquals(-0.5, g.estimate(1, 0, 0), 1e-12);
    assertTrue(g.best(8).isEmpty());
    // one more such batch turns it: 0.5·(−0.5) + 0.5·1
    g.add(gains(0, 0, 0, 0, 0, 0, 1, 0), 1);
    assertEquals(List.of(new FlipGainAverage.Flip(1, 0, 0, 0.25)), g.best(8));
  }

  @Test
  void theBestFlipsAtMostOnePerNeuronLargestFirst() {
    FlipGainAverage g = twoLayers(0);
    g.add(gains(3, 7, -1, 2, 0, 6, 5, 9), 1);
    assertEquals(List.of(new FlipGainAverage.Flip(1, 0, 1, 9.0), new FlipGainAverage.Flip(0, 0, 1, 7.0),
        new FlipGainAverage.Flip(0, 1, 2, 6.0)), g.best(5));
    assertEquals(List.of(new FlipGainAverage.Flip(1, 0, 1, 9.0), new FlipGainAverage.Flip(0, 0, 1, 7.0)), g.best(2));
    g.add(gains(-1, -1, -1, 0, 0, 0, -1, -1), 1);
    assertTrue(g.best(5).isEmpty(), "no flip without a positive estimate");
  }

  @Test
  void theEstimatesSurviveACheckpoint() {
    FlipGainAverage g = twoLayers(0.9);
    g.add(gains(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), 3);
    TrainingState state = new TrainingState();
    g.save(state, "ls.");
    FlipGainAverage back = twoLayers(0.9);
    back.restore(TrainingState.fromBytes(state.toBytes()), "ls.");
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < 3; i++) {
        assertEquals(g.estimate(0, j, i), back.estimate(0, j, i));
      }
    }
    assertEquals(g.estimate(1, 0, 1), back.estimate(1, 0, 1));
    FlipGainAverage other = new FlipGainAverage(0.9, new int[] {2, 1}, new int[] {3, 3});
    assertThrows(IllegalStateException.class, () -> other.restore(state, "ls."));
  }

  @Test
  void aDecayOutsideTheUnitIntervalIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> twoLayers(1));
    assertThrows(IllegalArgumentException.class, () -> twoLayers(-0.1));
  }
}
