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

  public BatchNorm(String name, int channels) {
    this.channels = channels;
    float[] ones = new float[channels];
    java.util.Arrays.fill(ones, 1f);
    this.gamma = Param.real(name + ".gamma", ones);
    this.beta = Param.real(name + ".beta", new float[channels]);
    this.populationMean = new float[channels];
    this.populationVar = new float[channels];
    java.util.Arrays.fill(populationVar, 1f);
    this.invStd = new float[channels];
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

  /** Training-mode forward with batch statistics; remembers x̂ for {@link #backward}. */
  public void forwardTrain(float[] z, int batch, float[] y) {
    if (normalised.length < batch * channels) {
      normalised = new float[batch * channels];
    }
    float[] g = gamma.value();
    float[] bt = beta.value();
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      double sumSq = 0;
      for (int b = 0; b < batch; b++) {
        double v = z[b * channels + c];
        sum += v;
        sumSq += v * v;
      }
      double mean = sum / batch;
      double var = Math.max(0, sumSq / batch - mean * mean);
      float inv = (float) (1 / Math.sqrt(var + EPSILON));
      invStd[c] = inv;
      float m = (float) mean;
      for (int b = 0; b < batch; b++) {
        int idx = b * channels + c;
        float xhat = (z[idx] - m) * inv;
        normalised[idx] = xhat;
        y[idx] = g[c] * xhat + bt[c];
      }
    }
  }

  /** Accumulates ∂L/∂γ, ∂L/∂β and writes ∂L/∂z (may alias {@code dy}). */
  public void backward(float[] dy, int batch, float[] dz) {
    float[] g = gamma.value();
    float[] dGamma = gamma.grad();
    float[] dBeta = beta.grad();
    for (int c = 0; c < channels; c++) {
      float sumDy = 0;
      float sumDyXhat = 0;
      for (int b = 0; b < batch; b++) {
        int idx = b * channels + c;
        sumDy += dy[idx];
        sumDyXhat += dy[idx] * normalised[idx];
      }
      dBeta[c] += sumDy;
      dGamma[c] += sumDyXhat;
      float scale = g[c] * invStd[c] / batch;
      for (int b = 0; b < batch; b++) {
        int idx = b * channels + c;
        dz[idx] = scale * (batch * dy[idx] - sumDy - normalised[idx] * sumDyXhat);
      }
    }
  }

  /** Inference-mode forward with the population statistics. */
  public void forwardEval(float[] z, int batch, float[] y) {
    float[] g = gamma.value();
    float[] bt = beta.value();
    for (int c = 0; c < channels; c++) {
      float inv = (float) (1 / Math.sqrt(populationVar[c] + EPSILON));
      float m = populationMean[c];
      float scale = g[c] * inv;
      for (int b = 0; b < batch; b++) {
        int idx = b * channels + c;
        y[idx] = scale * (z[idx] - m) + bt[c];
      }
    }
  }
}
