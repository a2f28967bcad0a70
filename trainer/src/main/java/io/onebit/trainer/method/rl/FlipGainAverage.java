package io.onebit.trainer.method.rl;

import io.onebit.trainer.state.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The running estimate behind sample-average local search: every single flip's exact gain per
 * sample, averaged over the batches seen, and the rule that picks the flips to make from it.
 *
 * <pre>
 *   per batch:   G_i ← λ·G_i + (1 − λ)·ΔR_i / B        (ΔR_i: flip i's exact reward change on the batch)
 *   flips:       the K largest G_i &gt; 0, at most one per neuron
 *   after a flip of i:   G_i ← −G_i
 * </pre>
 *
 * On one batch of B samples a flip's gain is mostly that batch's noise: with λ = 0 (the plain greedy
 * rule) the best flips of one batch are undone by the next. The average over about 1/(1 − λ) batches
 * (sample-average approximation, as in stochastic local search on noisy objectives) keeps only the
 * flips whose gain holds across batches. Negating a made flip's estimate is exact for every batch
 * already seen (undoing a flip on a batch changes the reward by minus what making it did), so the
 * estimate carries over, and a flip is undone only when new evidence outweighs what made it: a
 * hysteresis as wide as the evidence, with no tabu length to tune.
 */
final class FlipGainAverage {
  /** One chosen flip: weight (layer, row, column) and its averaged gain per sample. */
  record Flip(int layer, int row, int column, double gain) {}

  private final double decay;
  private final int[] rows;
  private final int[] columns;
  private final double[][] gain;

  /** Estimates for layers of rows[l] × columns[l] weights (row-major, as the flip deltas), all 0. */
  FlipGainAverage(double decay, int[] rows, int[] columns) {
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("the gain decay must be in [0, 1), got " + decay);
    }
    this.decay = decay;
    this.rows = rows.clone();
    this.columns = columns.clone();
    this.gain = new double[rows.length][];
    for (int l = 0; l < rows.length; l++) {
      gain[l] = new double[rows[l] * columns[l]];
    }
  }

  /** Folds in one batch's exact flip gains (sums over its {@code batch} samples; layer-major, row-major). */
  void add(double[][] delta, int batch) {
    double fresh = (1 - decay) / batch;
    for (int l = 0; l < gain.length; l++) {
      double[] g = gain[l];
      double[] d = delta[l];
      for (int k = 0; k < g.length; k++) {
        g[k] = decay * g[k] + fresh * d[k];
      }
    }
  }

  /**
   * The at most {@code limit} flips of largest positive estimate, at most one per row (flips of one
   * neuron interact through the same samples); equal estimates in (layer, row) order.
   */
  List<Flip> best(int limit) {
    List<Flip> candidates = new ArrayList<>();
    for (int l = 0; l < gain.length; l++) {
      int fanIn = columns[l];
      for (int j = 0; j < rows[l]; j++) {
        int bestColumn = -1;
        double bestGain = 0;
        for (int i = 0; i < fanIn; i++) {
          double g = gain[l][j * fanIn + i];
          if (g > bestGain) {
            bestGain = g;
            bestColumn = i;
          }
        }
        if (bestColumn >= 0) {
          candidates.add(new Flip(l, j, bestColumn, bestGain));
        }
      }
    }
    candidates.sort((a, b) -> Double.compare(b.gain(), a.gain()));
    return candidates.subList(0, Math.min(limit, candidates.size()));
  }

  /** Records that {@code flip} was made: the estimate of undoing it is minus the estimate of making it. */
  void made(Flip flip) {
    int k = flip.row() * columns[flip.layer()] + flip.column();
    gain[flip.layer()][k] = -gain[flip.layer()][k];
  }

  /** The estimate of flipping weight (l, j, i), per sample. */
  double estimate(int l, int j, int i) {
    return gain[l][j * columns[l] + i];
  }

  void save(TrainingState state, String prefix) {
    for (int l = 0; l < gain.length; l++) {
      long[] bits = new long[gain[l].length];
      for (int k = 0; k < bits.length; k++) {
        bits[k] = Double.doubleToRawLongBits(gain[l][k]);
      }
      state.putLongs(prefix + "gain." + l, bits);
    }
  }

  void restore(TrainingState state, String prefix) {
    for (int l = 0; l < gain.length; l++) {
      long[] bits = state.longs(prefix + "gain." + l);
      if (bits.length != gain[l].length) {
        throw new IllegalStateException("the saved " + prefix + "gain." + l + " has " + bits.length
            + " estimates, expected " + gain[l].length);
      }
      for (int k = 0; k < bits.length; k++) {
        gain[l][k] = Double.longBitsToDouble(bits[k]);
      }
    }
  }
}
