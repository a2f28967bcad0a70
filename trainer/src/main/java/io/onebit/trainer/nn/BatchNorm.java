package io.onebit.trainer.nn;

import io.onebit.trainer.optim.Param;

/**
 * Batch normalisation over the batch dimension, one (γ, β) per channel (Ioffe and Szegedy 2015).
 *
 * <pre>
 *   training:  x̂ = (z − μ_B) / √(σ²_B + ε),  y = γ·x̂ + β       (μ_B, σ²_B: batch statistics)
 *   backward:  ∂L/∂β = Σ_b ∂L/∂y,  ∂L/∂γ = Σ_b ∂L/∂y·x̂
 *              ∂L/∂z = γ/(B·√(σ²_B+ε)) · (B·∂L/∂y − ∂L/∂β − x̂·∂L/∂γ)
 *   inference: y = γ·(z − μ)/√(σ² + ε) + β                  (μ, σ²: population statistics)
 * </pre>
 *
 * The population statistics are not running averages: {@link #setPopulationStatistics} is
 * called with exact statistics of the final weights over training data, so the folded
 * thresholds never lag behind flipping binary weights.
 *
 * <p><b>Shift-based</b> (BinaryNet's SBN, Courbariaux et al. 2016, Algorithm 3): the inverse
 * standard deviation is replaced by its power-of-two approximation AP2(1/√(σ²+ε)), in training
 * (batch statistics) and at inference (population statistics), so that normalising is a shift.
 * The backward pass treats AP2 as the identity (straight through). Fold reads the scale through
 * {@link #inferenceScale}, so it deploys exactly what this layer computes.
 */
public final class BatchNorm {
  public static final float EPSILON = 1e-4f;

  public final int channels;
  private final Param gamma;
  private final Param beta;
  private final float[] populationMean;
  private final float[] populationVar;
  private float[] normalised = new float[0];
  private final float[] invStd;

  private final boolean shiftBased;

  public BatchNorm(String name, int channels) {
    this(name, channels, false);
  }

  public BatchNorm(String name, int channels, boolean shiftBased) {
    this.channels = channels;
    this.shiftBased = shiftBased;
    float[] ones = new float[channels];
    java.util.Arrays.fill(ones, 1f);
    this.gamma = Param.real(name + ".gamma", ones);
    this.beta = Param.real(name + ".beta", new float[channels]);
    this.populationMean = new float[channels];
    this.populationVar = new float[channels];
    java.util.Arrays.fill(populationVar, 1f);
    this.invStd = new float[channels];
  }

  public boolean shiftBased() {
    return shiftBased;
  }

  /** 1/√(var+ε) in float, or its power-of-two approximation when shift-based. */
  private float inverseStd(double var) {
    return shifted((float) (1 / Math.sqrt(var + EPSILON)));
  }

  private float shifted(float inv) {
    return shiftBased ? io.onebit.trainer.optim.Ap2.of(inv) : inv;
  }

  /**
   * The inference scale s_c = γ_c·(1/√(σ²_c+ε)) of channel c (σ²_c + ε added in float), exactly
   * as {@link #forwardEval} uses it; fold reads it from here.
   */
  public float inferenceScale(int c) {
    return gamma.value()[c] * shifted((float) (1 / Math.sqrt(populationVar[c] + EPSILON)));
  }

  public Param gamma() {
    return gamma;
  }

  public Param beta() {
    return beta;
  }

  public float[] populationMean() {
    return populationMean;
  }

  public float[] populationVar() {
    return populationVar;
  }

  public void setPopulationStatistics(double[] mean, double[] var) {
    for (int c = 0; c < channels; c++) {
      populationMean[c] = (float) mean[c];
      populationVar[c] = (float) var[c];
    }
  }

  // The loops below run batch-outer, channel-inner: activations are stored batch-major, and a
  // channel-outer loop would stride by the layer width on every access.

  /** Training-mode forward with batch statistics; remembers x̂ for {@link #backward}. */
  public void forwardTrain(float[] z, int batch, float[] y) {
    if (normalised.length < batch * channels) {
      normalised = new float[batch * channels];
    }
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    for (int b = 0; b < batch; b++) {
      int row = b * channels;
      for (int c = 0; c < channels; c++) {
        double v = z[row + c];
        sum[c] += v;
        sumSq[c] += v * v;
      }
    }
    float[] mean = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / batch;
      double var = Math.max(0, sumSq[c] / batch - m * m);
      mean[c] = (float) m;
      invStd[c] = inverseStd(var);
    }
    float[] g = gamma.value();
    float[] bt = beta.value();
    for (int b = 0; b < batch; b++) {
      int row = b * channels;
      for (int c = 0; c < channels; c++) {
        float xhat = (z[row + c] - mean[c]) * invStd[c];
        normalised[row + c] = xhat;
        y[row + c] = g[c] * xhat + bt[c];
      }
    }
  }

  /** Accumulates ∂L/∂γ, ∂L/∂β and writes ∂L/∂z (may alias {@code dy}). */
  public void backward(float[] dy, int batch, float[] dz) {
    float[] sumDy = new float[channels];
    float[] sumDyXhat = new float[channels];
    for (int b = 0; b < batch; b++) {
      int row = b * channels;
      for (int c = 0; c < channels; c++) {
        sumDy[c] += dy[row + c];
        sumDyXhat[c] += dy[row + c] * normalised[row + c];
      }
    }
    float[] g = gamma.value();
    float[] dGamma = gamma.grad();
    float[] dBeta = beta.grad();
    float[] scale = new float[channels];
    for (int c = 0; c < channels; c++) {
      dBeta[c] += sumDy[c];
      dGamma[c] += sumDyXhat[c];
      scale[c] = g[c] * invStd[c] / batch;
    }
    for (int b = 0; b < batch; b++) {
      int row = b * channels;
      for (int c = 0; c < channels; c++) {
        dz[row + c] = scale[c] * (batch * dy[row + c] - sumDy[c] - normalised[row + c] * sumDyXhat[c]);
      }
    }
  }

  /** Inference-mode forward with the population statistics. */
  public void forwardEval(float[] z, int batch, float[] y) {
    float[] bt = beta.value();
    float[] scale = new float[channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = inferenceScale(c);
    }
    for (int b = 0; b < batch; b++) {
      int row = b * channels;
      for (int c = 0; c < channels; c++) {
        y[row + c] = scale[c] * (z[row + c] - populationMean[c]) + bt[c];
      }
    }
  }
}
