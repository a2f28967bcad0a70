package io.onebit.trainer.train;

import io.onebit.trainer.nn.BinaryMlp;
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

  /**
   * A layer whose binary weights are tracked.
   *
   * @param signs the layer's current sign(W), packed (bit 1 = −1, padding 0)
   */
  public record Tracked(String name, long weights, java.util.function.Supplier<long[]> signs) {}

  private final List<Tracked> tracked;
  private final long[][] initial;
  private final long[][] previous;
  private final long[] flips;
  private final long[] weights;
  private int steps;

  public FlipTracker(BinaryMlp network) {
    this(mlpLayers(network));
  }

  public FlipTracker(List<Tracked> layers) {
    this.tracked = List.copyOf(layers);
    int n = tracked.size();
    initial = new long[n][];
    previous = new long[n][];
    flips = new long[n];
    weights = new long[n];
    for (int l = 0; l < n; l++) {
      initial[l] = tracked.get(l).signs().get().clone();
      previous[l] = initial[l].clone();
      weights[l] = tracked.get(l).weights();
    }
  }

  private static List<Tracked> mlpLayers(BinaryMlp network) {
    List<Tracked> layers = new ArrayList<>();
    for (int l = 0; l < network.layers(); l++) {
      var dense = network.dense(l);
      layers.add(new Tracked("dense" + l, (long) dense.inputs * dense.outputs, dense::packedSigns));
    }
    return layers;
  }

  /** Counts the sign changes since the previous call (or the start); call after each step. */
  public void afterStep() {
    for (int l = 0; l < previous.length; l++) {
      long[] now = tracked.get(l).signs().get();
      long[] before = previous[l];
      long changed = 0;
      for (int i = 0; i < now.length; i++) {
        changed += Long.bitCount(now[i] ^ before[i]);
      }
      flips[l] += changed;
      System.arraycopy(now, 0, before, 0, now.length);
    }
    steps++;
  }

  /** The epoch's per-layer figures; starts the next epoch's averaging. */
  public List<LayerFlips> endEpoch() {
    List<LayerFlips> out = new ArrayList<>();
    for (int l = 0; l < previous.length; l++) {
      long[] now = tracked.get(l).signs().get();
      long differ = 0;
      for (int i = 0; i < now.length; i++) {
        differ += Long.bitCount(now[i] ^ initial[l][i]);
      }
      double ff = steps == 0 ? 0 : flips[l] / ((double) steps * weights[l]);
      out.add(new LayerFlips(tracked.get(l).name(), weights[l], ff, differ / (double) weights[l]));
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
}
