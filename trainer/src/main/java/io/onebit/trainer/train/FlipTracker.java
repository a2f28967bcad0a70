package io.onebit.trainer.train;

import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.state.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamBNN's two measures of binary-weight dynamics (Liu et al., ICML 2021), per layer:
 *
 * <pre>
 *   FF-ratio  (flip-flop)          = |{i : sign(w_i,t) ≠ sign(w_i,t−1)}| / N, averaged over the epoch's steps
 *   C2I-ratio (change to initial)  = |{i : sign(w_i,t) ≠ sign(w_i,0)}| / N,  at the end of the epoch
 * </pre>
 *
 * Computed on the packed sign words the forward already keeps: popcount(before XOR after).
 * Padding bits are 0 in both, so they never count. Stochastic weight draws do not count: the
 * tracker is read after the deterministic sign(W) is restored.
 */
public final class FlipTracker {
  /** Per-layer FF and C2I of one epoch. */
  public record LayerFlips(String layer, long weights, double ffRatio, double c2iRatio) {}

  private final List<WeightLayer> tracked;
  private final long[][] initial;
  private final long[][] previous;
  private final long[] flips;
  private int steps;
  private final TrainingProfile profile;

  /** Counting time goes to {@code profile}'s FLIPS phase. */
  public FlipTracker(List<WeightLayer> layers, TrainingProfile profile) {
    this.profile = profile;
    this.tracked = List.copyOf(layers);
    int n = tracked.size();
    initial = new long[n][];
    previous = new long[n][];
    flips = new long[n];
    for (int l = 0; l < n; l++) {
      initial[l] = tracked.get(l).packedSigns().clone();
      previous[l] = initial[l].clone();
    }
  }

  /** Counts the sign changes since the previous call (or the start); call after each step. */
  public void afterStep() {
    long t = profile.start();
    for (int l = 0; l < previous.length; l++) {
      long[] now = tracked.get(l).packedSigns();
      long[] before = previous[l];
      long changed = 0;
      for (int i = 0; i < now.length; i++) {
        changed += Long.bitCount(now[i] ^ before[i]);
      }
      flips[l] += changed;
      System.arraycopy(now, 0, before, 0, now.length);
    }
    steps++;
    profile.add(TrainingProfile.Phase.FLIPS, t);
  }

  /** The epoch's per-layer figures; starts the next epoch's averaging. */
  public List<LayerFlips> endEpoch() {
    List<LayerFlips> out = new ArrayList<>();
    for (int l = 0; l < previous.length; l++) {
      WeightLayer layer = tracked.get(l);
      long[] now = layer.packedSigns();
      long differ = 0;
      for (int i = 0; i < now.length; i++) {
        differ += Long.bitCount(now[i] ^ initial[l][i]);
      }
      long weights = layer.weightCount();
      double ff = steps == 0 ? 0 : flips[l] / ((double) steps * weights);
      out.add(new LayerFlips(layer.name(), weights, ff, differ / (double) weights));
      flips[l] = 0;
    }
    steps = 0;
    return out;
  }

  /** Weight-count-weighted mean of a per-layer figure over all layers. */
  public static double overall(List<LayerFlips> layers, boolean ff) {
    double sum = 0;
    long n = 0;
    for (LayerFlips f : layers) {
      sum += (ff ? f.ffRatio() : f.c2iRatio()) * f.weights();
      n += f.weights();
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Writes the initial and previous signs and the epoch's counts (for a checkpoint). */
  void saveState(TrainingState state) {
    for (int l = 0; l < previous.length; l++) {
      state.putLongs("flips." + l + ".initial", initial[l]);
      state.putLongs("flips." + l + ".previous", previous[l]);
    }
    state.putLongs("flips.counts", flips);
    state.putLong("flips.steps", steps);
  }

  void restoreState(TrainingState state) {
    for (int l = 0; l < previous.length; l++) {
      copy(state.longs("flips." + l + ".initial"), initial[l]);
      copy(state.longs("flips." + l + ".previous"), previous[l]);
    }
    copy(state.longs("flips.counts"), flips);
    steps = (int) state.getLong("flips.steps");
  }

  private static void copy(long[] from, long[] to) {
    if (from.length != to.length) {
      throw new IllegalStateException("the checkpoint's flip counts do not fit this network");
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
