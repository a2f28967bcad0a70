package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;
import io.onebit.trainer.optim.Ap2;
import io.onebit.trainer.optim.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Batch normalisation per channel (Ioffe and Szegedy 2015) over every (sample, y, x) position:
 * in the HWC layout a batch of N tensors H×W×C is N·H·W rows of C values.
 *
 * <pre>
 *   training:  x̂ = (z − μ_B) / √(σ²_B + ε),  y = γ·x̂ + β       (μ_B, σ²_B: batch statistics)
 *   backward:  ∂L/∂β = Σ_r ∂L/∂y,  ∂L/∂γ = Σ_r ∂L/∂y·x̂
 *              ∂L/∂z = γ/(R·√(σ²_B+ε)) · (R·∂L/∂y − ∂L/∂β − x̂·∂L/∂γ)
 *   inference: y = s·(z − μ) + β,  s = γ/√(σ² + ε)                (μ, σ²: population statistics)
 * </pre>
 *
 * The population statistics are not running averages: {@link #setPopulationStatistics} is
 * called with exact statistics of the final weights over training data
 * ({@link Network#recomputeStatistics}), so the folded thresholds never lag behind flipping
 * binary weights.
 *
 * <p><b>Shift-based</b> (BinaryNet's SBN, Courbariaux et al. 2016, Algorithm 3): the inverse
 * standard deviation is replaced by its power-of-two approximation AP2(1/√(σ²+ε)), in training
 * and at inference, so that normalising is a shift; the backward treats AP2 as the identity.
 * Fold reads the scale through {@link #inferenceScale}, so it deploys exactly what this computes.
 */
public final class BatchNorm implements Layer {
  public static final float EPSILON = 1e-4f;
  /** BinaryNet's shift-based BatchNorm in every block. */
  public static final Hyperparameter<Boolean> SHIFT_BASED = Hyperparameter.flag("shift-batchnorm",
      "BinaryNet's shift-based BatchNorm (power-of-two scale)");

  public final int channels;
  private final TensorShape shape;
  private final boolean shiftBased;
  private final Param gamma;
  private final Param beta;
  private final float[] populationMean;
  private final float[] populationVar;
  private final float[] invStd;
  // per-call scratch, sized once: no allocation per batch
  private final double[] sum;
  private final double[] sumSq;
  private final float[] mean;
  private final float[] scale;
  private final float[] sumDy;
  private final float[] sumDyXhat;
  private final Activations out;
  private float[] normalised = new float[0];
  private int rows;

  BatchNorm(String name, TensorShape shape, boolean shiftBased) {
    this.shape = shape;
    this.channels = shape.channels();
    this.shiftBased = shiftBased;
    float[] ones = new float[channels];
    Arrays.fill(ones, 1f);
    this.gamma = Param.real(name + ".gamma", ones);
    this.beta = Param.real(name + ".beta", new float[channels]);
    this.populationMean = new float[channels];
    this.populationVar = new float[channels];
    Arrays.fill(populationVar, 1f);
    this.invStd = new float[channels];
    this.sum = new double[channels];
    this.sumSq = new double[channels];
    this.mean = new float[channels];
    this.scale = new float[channels];
    this.sumDy = new float[channels];
    this.sumDyXhat = new float[channels];
    this.out = new Activations(shape);
  }

  @Override
  public TensorShape inputShape() {
    return shape;
  }

  @Override
  public TensorShape outputShape() {
    return shape;
  }

  public boolean shiftBased() {
    return shiftBased;
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

  @Override
  public List<Param> params() {
    return List.of(gamma, beta);
  }

  public void setPopulationStatistics(double[] mean, double[] var) {
    for (int c = 0; c < channels; c++) {
      populationMean[c] = (float) mean[c];
      populationVar[c] = (float) var[c];
    }
  }

  /** 1/√(var+ε) in float, or its power-of-two approximation when shift-based. */
  private float inverseStd(double var) {
    return shifted((float) (1 / Math.sqrt(var + EPSILON)));
  }

  private float shifted(float inv) {
    return shiftBased ? Ap2.of(inv) : inv;
  }

  /** The inference scale s_c = γ_c·(1/√(σ²_c+ε)) (in float, AP2 when shift-based): fold reads it here. */
  public float inferenceScale(int c) {
    return gamma.value()[c] * shifted((float) (1 / Math.sqrt(populationVar[c] + EPSILON)));
  }

  private int rowsOf(int batch) {
    return batch * shape.height() * shape.width();
  }

  // The loops run row-outer, channel-inner: values are stored row-major, and a channel-outer loop
  // would stride by the channel count on every access. Sums over rows split the channels over the
  // cores (each channel summed by one thread, rows in order: the same bits on any core count);
  // elementwise passes split the rows.

  /** Fewest values worth a second core (below, the hand-off costs more than the pass). */
  private static final int PARALLEL_VALUES = 1 << 16;

  /** Channels per unit of work split over the cores: all of them when the batch is small. */
  private int channelGrain(int n) {
    return (long) n * channels < PARALLEL_VALUES ? channels : 8;
  }

  /** Rows per unit of elementwise work split over the cores. */
  private int rowGrain() {
    return Math.max(64, PARALLEL_VALUES / 2 / channels);
  }

  @Override
  public Activations forward(Activations input, boolean training, Random random) {
    out.prepare(input.batch(), false);
    rows = rowsOf(input.batch());
    if (training) {
      forwardTrain(input.values(), rows, out.values());
    } else {
      forwardEval(input.values(), rows, out.values());
    }
    return out;
  }

  /**
   * The training forward of this BatchNorm and the sign after it as one pass per sample
   * ({@link Sign#forwardAfter}): y = γ·x̂ + β of a sample goes to a buffer of that sample's size,
   * from which its signs are packed while it is in cache, instead of a batch-sized y written and
   * read back. {@code signs} receives sign(y) as packed bits and ±1 floats; y itself is not kept
   * ({@link #backwardThroughSign} recomputes what it needs from x̂).
   */
  void forwardSigns(Activations input, Activations signs) {
    int batch = input.batch();
    rows = rowsOf(batch);
    statistics(input.values(), rows);
    signs.prepare(batch, true);
    float[] z = input.values();
    float[] g = gamma.value();
    float[] bt = beta.value();
    float[] xhats = normalised;
    int pixels = shape.height() * shape.width();
    int elements = shape.elements();
    int longs = signs.longs();
    long[] packed = signs.packed();
    float[] values = signs.values();
    Parallel.range(batch, 1, (from, to) -> {
      float[] y = SAMPLE.get();
      if (y.length < elements) {
        y = new float[elements];
        SAMPLE.set(y);
      }
      for (int b = from; b < to; b++) {
        BatchNormRows.train(z, mean, invStd, g, bt, xhats, y, 0, channels, b * pixels, (b + 1) * pixels);
        SignPacking.pack(y, 0, elements, packed, b * longs, values, b * elements);
      }
    });
  }

  /** One sample's y in {@link #forwardSigns}. */
  private static final ThreadLocal<float[]> SAMPLE = ThreadLocal.withInitial(() -> new float[0]);

  /**
   * {@link #backward} of this BatchNorm and the ste-sign after it (after {@link #forwardSigns}),
   * from ∂L/∂a, the sign's output gradient: the sign's mask [|y| ≤ clip] is applied inside
   * BatchNorm's two passes, y recomputed from x̂, so ∂a is read twice instead of masked in a pass
   * of its own. The same bits as the sign's backward then {@link #backward}; ∂L/∂z over {@code da}.
   */
  float[] backwardThroughSign(float[] da, float clip) {
    int n = rows;
    float[] xhats = normalised;
    float[] g = gamma.value();
    float[] bt = beta.value();
    Parallel.range(channels, channelGrain(n), (from, to) -> ChannelSums.gradientSumsThroughSign(da, xhats, g, bt,
        clip, n, channels, from, to, sumDy, sumDyXhat));
    parameterGradients(n);
    Parallel.range(n, rowGrain(), (from, to) -> BatchNormRows.backwardThroughSign(da, xhats, scale, sumDy, sumDyXhat,
        g, bt, clip, n, channels, from, to));
    return da;
  }

  /** Adds D_c to ∂L/∂β and X_c to ∂L/∂γ; sets the input gradient's scale γ_c·σ⁻¹_c/n. */
  private void parameterGradients(int n) {
    float[] g = gamma.value();
    float[] dGamma = gamma.grad();
    float[] dBeta = beta.grad();
    for (int c = 0; c < channels; c++) {
      dBeta[c] += sumDy[c];
      dGamma[c] += sumDyXhat[c];
      scale[c] = g[c] * invStd[c] / n;
    }
  }

  /** μ_B and σ⁻¹_B per channel of the batch's n rows; sizes x̂'s buffer. */
  private void statistics(float[] z, int n) {
    if (normalised.length < n * channels) {
      normalised = new float[n * channels];
    }
    Parallel.range(channels, channelGrain(n), (from, to) -> {
      ChannelSums.sumsAndSquares(z, n, channels, from, to, sum, sumSq);
      for (int c = from; c < to; c++) {
        double m = sum[c] / n;
        double var = Math.max(0, sumSq[c] / n - m * m);
        mean[c] = (float) m;
        invStd[c] = inverseStd(var);
      }
    });
  }

  private void forwardTrain(float[] z, int n, float[] y) {
    statistics(z, n);
    float[] g = gamma.value();
    float[] bt = beta.value();
    float[] xhats = normalised;
    Parallel.range(n, rowGrain(), (from, to) -> BatchNormRows.train(z, mean, invStd, g, bt, xhats, y, channels, from,
        to));
  }

  private void forwardEval(float[] z, int n, float[] y) {
    float[] bt = beta.value();
    for (int c = 0; c < channels; c++) {
      scale[c] = inferenceScale(c);
    }
    Parallel.range(n, rowGrain(), (from, to) -> BatchNormRows.infer(z, scale, populationMean, bt, y, channels, from,
        to));
  }

  /** Accumulates ∂L/∂γ, ∂L/∂β and writes ∂L/∂z over {@code dy} (in place). */
  @Override
  public float[] backward(float[] dy, boolean needInput) {
    int n = rows;
    float[] xhats = normalised;
    Parallel.range(channels, channelGrain(n), (from, to) -> {
      ChannelSums.gradientSums(dy, xhats, n, channels, from, to, sumDy, sumDyXhat);
    });
    parameterGradients(n);
    Parallel.range(n, rowGrain(), (from, to) -> BatchNormRows.backward(dy, xhats, scale, sumDy, sumDyXhat, n, channels,
        from, to));
    return dy;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.batchNorm(this);
  }
}
