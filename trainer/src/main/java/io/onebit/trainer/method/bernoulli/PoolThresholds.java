package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Layer;
import io.onebit.trainer.net.MaxPool2d;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.optim.Ap2;
import java.util.List;

/**
 * Moves the thresholds that BatchNorms after max-pools learned on the pre-pool pre-activations
 * onto the pooled ones, for the binary network. The Bernoulli forward normalises each window
 * position and pools the bits (OR where the scale is positive, AND where negative), the deployed
 * network pools z before BatchNorm; both are the same function when the threshold in z is the
 * same, because BatchNorm and sign are monotone:
 *
 * <pre>
 *   trained:   bit = [γ·(z − μ)·s + β ≥ 0],  μ, s = 1/σ: pre-pool statistics of the binary network
 *              ⇔ z ≥ τ (γ &gt; 0) or z ≤ τ (γ &lt; 0),   τ = μ − β/(γ·s)
 *   deployed:  bit = [s'·(max z − μ') + β' ≥ 0],  s' = γ/σ', μ', σ': pooled statistics
 *              with β' = s'·(μ' − τ)
 * </pre>
 *
 * Every BatchNorm gets the population statistics of its input over {@code data}, in order, as
 * {@link Network#recomputeStatistics} computes them; the trainer's own recomputation afterwards
 * (over the same training set) finds the same values, so the moved thresholds are the deployed ones.
 */
final class PoolThresholds {
  private PoolThresholds() {}

  /** Whether any BatchNorm of the network follows a max-pool. */
  static boolean needed(Network network) {
    return network.layers().stream().anyMatch(l -> l instanceof MaxPool2d);
  }

  /** Sets population statistics of every BatchNorm and, after pools, β' as above. */
  static void apply(Network network, EncodedInputs data, int batchSize) {
    List<Layer> layers = network.layers();
    int weightAt = -1;
    boolean pooled = false;
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      if (layer instanceof WeightLayer) {
        weightAt = l;
        pooled = false;
      } else if (layer instanceof MaxPool2d) {
        pooled = true;
      } else if (layer instanceof BatchNorm bn) {
        double[][] after = statistics(network, data, l, bn.channels, batchSize);
        if (pooled) {
          double[][] before = statistics(network, data, weightAt + 1, bn.channels, batchSize);
          float[] gamma = bn.gamma().value();
          float[] beta = bn.beta().value();
          for (int c = 0; c < bn.channels; c++) {
            if (gamma[c] == 0) {
              continue;
            }
            double s = inverseStd(bn, before[1][c]);
            double tau = before[0][c] - beta[c] / (gamma[c] * s);
            double sPooled = gamma[c] * inverseStd(bn, after[1][c]);
            beta[c] = (float) (sPooled * (after[0][c] - tau));
          }
        }
        bn.setPopulationStatistics(after[0], after[1]);
      }
    }
  }

  /** As {@link BatchNorm#inferenceScale} computes it, from the variance stored in float. */
  private static double inverseStd(BatchNorm bn, double var) {
    float inv = (float) (1 / Math.sqrt((float) var + BatchNorm.EPSILON));
    return bn.shiftBased() ? Ap2.of(inv) : inv;
  }

  /** Mean and variance per channel of the output of the first {@code count} layers (inference) over {@code data}. */
  private static double[][] statistics(Network network, EncodedInputs data, int count, int channels, int batchSize) {
    Activations input = data.newBatch();
    int[] order = Network.identity(data.count());
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    long rows = 0;
    for (int from = 0; from < data.count(); from += batchSize) {
      int size = Math.min(batchSize, data.count() - from);
      data.gather(order, from, size, input);
      Activations z = network.forwardTo(input, count, false, null);
      int n = size * z.elements() / channels;
      float[] values = z.values();
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < channels; c++) {
          double v = values[r * channels + c];
          sum[c] += v;
          sumSq[c] += v * v;
        }
      }
      rows += n;
    }
    double[][] out = new double[2][channels];
    for (int c = 0; c < channels; c++) {
      out[0][c] = sum[c] / rows;
      out[1][c] = Math.max(0, sumSq[c] / rows - out[0][c] * out[0][c]);
    }
    return out;
  }
}
