package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.math.Transpose;
import io.onebit.trainer.net.Conv2d;
import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.optim.Param;

/**
 * The Bernoulli parametrisation of one {@link WeightLayer}: weight i is +1 with probability
 * p_i = σ(θ_i), and the logit θ is the layer's latent tensor ({@link WeightLayer#setLatent}), so
 * sign(θ) = sign(2p − 1) is at every moment the binary weight fold would deploy (sign(0) = +1).
 *
 * <pre>
 *   E[w_i] = 2p_i − 1 = tanh(θ_i/2),   ∂E[w_i]/∂θ_i = (1 − E[w_i]²)/2,   |θ_i| ≤ clip
 * </pre>
 *
 * A binarised ("fixed") weight has p ∈ {0, 1}: E[w] = ±1 exactly, θ = ±clip, and it no longer
 * trains. The expectations and their squares and cubes are kept transposed (K × outputs) for the
 * moment GEMMs of {@link BernoulliBlock}.
 */
final class BernoulliWeights {
  final WeightLayer layer;
  final int fanIn;
  final int outputs;
  final Param logits;
  final float clip;
  /** Bit i set: weight i is binarised. */
  final long[] fixed;
  /** Bit i set: binarised weight i is −1 (its sign when it was fixed; the optimizer cannot move it). */
  final long[] negative;
  /** E[w], outputs × fanIn. */
  final float[] mean;
  final float[] meanT;
  final float[] squareT;
  final float[] cubeT;
  private final float[] scratch;

  /**
   * Replaces the layer's latent weights W (uniform in ±H, BinaryNet's initialisation drawn by the
   * network builder) by logits θ = init·W/H, uniform in ±init: no draw of its own, so a resumed run
   * that rebuilds the network from the same seed gets the same starting point.
   *
   * @param lrScale the logits' learning-rate scale (Adam's step in logit units is lr·lrScale)
   */
  BernoulliWeights(WeightLayer layer, float init, float clip, float lrScale) {
    this.layer = layer;
    this.fanIn = layer.fanIn;
    this.outputs = layer.outputs;
    this.clip = clip;
    int n = fanIn * outputs;
    float h = (float) Math.sqrt(1.5 / (fanIn + fanOut(layer)));
    float[] w = layer.latent().value();
    float[] theta = new float[n];
    for (int i = 0; i < n; i++) {
      theta[i] = Math.max(-clip, Math.min(clip, init * w[i] / h));
    }
    this.logits = new Param(layer.latent().name(), theta, new float[n], true, lrScale, clip);
    layer.setLatent(logits);
    this.fixed = new long[(n + 63) >>> 6];
    this.negative = new long[fixed.length];
    this.mean = new float[n];
    this.meanT = new float[n];
    this.squareT = new float[n];
    this.cubeT = new float[n];
    this.scratch = new float[n];
    refresh();
  }

  /** The builder's fan-out of a layer (Glorot's bound uses fan-in + fan-out). */
  private static int fanOut(WeightLayer layer) {
    if (layer instanceof Conv2d c) {
      return c.geometry.kernelHeight() * c.geometry.kernelWidth() * c.outputs;
    }
    return layer.outputs;
  }

  boolean isFixed(int i) {
    return bit(fixed, i);
  }

  /** Binarises weight i at its current sign (sign(0) = +1). */
  void fix(int i) {
    if (isFixed(i)) {
      return;
    }
    fixed[i >>> 6] |= 1L << (i & 63);
    float[] theta = logits.value();
    if (theta[i] < 0) {
      negative[i >>> 6] |= 1L << (i & 63);
    }
    theta[i] = theta[i] < 0 ? -clip : clip;
  }

  private boolean isNegative(int i) {
    return bit(negative, i);
  }

  private static boolean bit(long[] bits, int i) {
    return ((bits[i >>> 6] >>> (i & 63)) & 1L) != 0;
  }

  /**
   * E[w] = 2p − 1 = tanh(θ/2) of every weight into {@code out}, ±1 exactly for a binarised one
   * (bit i of {@code fixed}; −1 when bit i of {@code negative} is set).
   */
  static void expectations(float[] theta, long[] fixed, long[] negative, float[] out) {
    for (int i = 0; i < theta.length; i++) {
      out[i] = bit(fixed, i) ? (bit(negative, i) ? -1f : 1f) : (float) Math.tanh(0.5 * theta[i]);
    }
  }

  long fixedCount() {
    long c = 0;
    for (long w : fixed) {
      c += Long.bitCount(w);
    }
    return c;
  }

  /** Recomputes E[w] (and its transposed powers) from θ and the fixed set. */
  void refresh() {
    float[] theta = logits.value();
    for (int i = 0; i < theta.length; i++) {
      if (isFixed(i)) {
        theta[i] = isNegative(i) ? -clip : clip;
      }
    }
    expectations(theta, fixed, negative, mean);
    Transpose.into(mean, outputs, fanIn, meanT);
    for (int i = 0; i < mean.length; i++) {
      scratch[i] = mean[i] * mean[i];
    }
    Transpose.into(scratch, outputs, fanIn, squareT);
    for (int i = 0; i < mean.length; i++) {
      scratch[i] = mean[i] * mean[i] * mean[i];
    }
    Transpose.into(scratch, outputs, fanIn, cubeT);
  }

  /** θ's gradient += ∂L/∂E[w]·(1 − E[w]²)/2 for the weights still training (fixed ones get none). */
  void addMeanGradient(float[] dMean) {
    float[] g = logits.grad();
    for (int i = 0; i < g.length; i++) {
      if (!isFixed(i)) {
        g[i] += dMean[i] * 0.5f * (1 - mean[i] * mean[i]);
      }
    }
  }

  /**
   * The regulariser towards 0/1, summed over the weights like a weight decay:
   * R = Σ_i 4p_i(1 − p_i) = Σ_i (1 − E[w_i]²); adds weight·∂R/∂θ = −weight·E[w]·(1 − E[w]²) to θ's
   * gradient and returns R (0 when every weight is binary, N when every p = ½).
   */
  double regularize(double weight) {
    float[] g = logits.grad();
    double r = 0;
    float w = (float) weight;
    for (int i = 0; i < mean.length; i++) {
      float e = mean[i];
      r += 1 - e * e;
      if (!isFixed(i)) {
        g[i] -= w * e * (1 - e * e);
      }
    }
    return r;
  }

  /** Zeroes the fixed weights' gradients (before an optimizer step). */
  void clearFixedGradients() {
    float[] g = logits.grad();
    for (int w = 0; w < fixed.length; w++) {
      long bits = fixed[w];
      while (bits != 0) {
        int i = (w << 6) + Long.numberOfTrailingZeros(bits);
        g[i] = 0;
        bits &= bits - 1;
      }
    }
  }

  /** Mean |E[w]| = mean |2p − 1|: how decided the layer's weights are (1: all binary). */
  double decided() {
    double s = 0;
    for (float e : mean) {
      s += Math.abs(e);
    }
    return s / mean.length;
  }
}
