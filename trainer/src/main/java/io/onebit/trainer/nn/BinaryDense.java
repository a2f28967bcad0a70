package io.onebit.trainer.nn;

import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.Arrays;
import java.util.Random;

/**
 * A fully connected layer with binary weights sign(W) over ±1 inputs (BinaryNet).
 *
 * <pre>
 *   forward:  z[b][j] = Σ_i x[b][i]·sign(W[j][i]) = K − 2·popcount(x_b XOR w_j)
 *   backward: ∂L/∂W[j][i] = Σ_b ∂L/∂z[b][j] · x[b][i]        (straight through sign(W))
 *             ∂L/∂x[b][i] = Σ_j ∂L/∂z[b][j] · sign(W[j][i])
 * </pre>
 *
 * The forward product is exact integer arithmetic, the same the deployed C performs. Latent
 * weights W live in [−1, 1] (clipped by the optimizer); the gradient reaches them unchanged.
 *
 * <p>With {@linkplain #setBinaryWeights binary weights off} (stage 1 of AdamBNN's two-stage
 * recipe) the forward uses the real latent weights, z = Σ_i x[b][i]·W[j][i], computed with
 * {@link Gemm}, and ∂L/∂x uses W instead of sign(W). Fold always deploys sign(W).
 */
public final class BinaryDense {
  public final int inputs;
  public final int outputs;
  private final int inLongs;
  private final Param weights;
  private final long[] packedSigns;
  private final float[] signs;
  private boolean binaryWeights = true;
  private float[] transposed;
  private float[] sampled;

  public BinaryDense(String name, int inputs, int outputs, Random random) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.inLongs = (inputs + 63) >>> 6;
    float[] latent = new float[inputs * outputs];
    // BinaryNet: latent weights uniform in [−H, H], H = √(1.5/(fan_in + fan_out)), and their
    // learning rate scaled by 1/H, so that one step moves a weight by the same fraction of its
    // initial range in every layer (measured on SFC/MNIST: +0.2 to +0.3 points of accuracy).
    float h = (float) Math.sqrt(1.5 / (inputs + outputs));
    for (int i = 0; i < latent.length; i++) {
      latent[i] = (random.nextFloat() * 2 - 1) * h;
    }
    this.weights = Param.latentWeights(name + ".weights", latent, 1 / h);
    this.packedSigns = new long[outputs * inLongs];
    this.signs = new float[inputs * outputs];
    refreshSigns();
  }

  public Param weights() {
    return weights;
  }

  /** sign(W) as ±1 floats, row j = output j. */
  public float[] signs() {
    return signs;
  }

  /** sign(W) packed, {@code (inputs + 63) / 64} longs per output row, bit 1 = −1, padding 0. */
  public long[] packedSigns() {
    return packedSigns;
  }

  public boolean binaryWeights() {
    return binaryWeights;
  }

  /** true: forward with sign(W) (the deployed network); false: with the real latent W. */
  public void setBinaryWeights(boolean binary) {
    this.binaryWeights = binary;
    refreshSigns();
  }

  /** Recomputes sign(W) (and Wᵀ for the real-weight forward) after the latent weights changed. */
  public void refreshSigns() {
    packSigns(weights.value());
    if (!binaryWeights) {
      if (transposed == null) {
        transposed = new float[inputs * outputs];
      }
      float[] w = weights.value();
      for (int j = 0; j < outputs; j++) {
        int row = j * inputs;
        for (int i = 0; i < inputs; i++) {
          transposed[i * outputs + j] = w[row + i];
        }
      }
    }
  }

  private void packSigns(float[] w) {
    Parallel.range(outputs, 16, (from, to) -> {
      for (int j = from; j < to; j++) {
        SignPacking.pack(w, j * inputs, inputs, packedSigns, j * inLongs, signs, j * inputs);
      }
    });
  }

  /**
   * Replaces the forward's binary weights by one training-time draw of a stochastic quantizer
   * (BinaryNet's stochastic binarization), in index order from {@code random}. The next
   * {@link #refreshSigns} restores the deterministic sign(W).
   */
  public void sampleSigns(Quantizer quantizer, Random random) {
    float[] w = weights.value();
    if (sampled == null) {
      sampled = new float[w.length];
    }
    for (int i = 0; i < w.length; i++) {
      sampled[i] = quantizer.sample(w[i], random);
    }
    packSigns(sampled);
  }

  /**
   * z[b·outputs + j] for the batch's rows, exact integers held in floats. Two samples × two
   * weight rows per step: each loaded word feeds two popcounts.
   */
  public void forward(BinaryBatch x, float[] z) {
    int n = x.size;
    if (!binaryWeights) {
      Arrays.fill(z, 0, n * outputs, 0f);
      Gemm.multiplyAdd(z, x.signs, inputs, 1, transposed, n, inputs, outputs);
      return;
    }
    long[] in = x.packed;
    Parallel.range(n, 2, (from, to) -> {
      int b = from;
      for (; b + 1 < to; b += 2) {
        forwardPair(in, b * inLongs, (b + 1) * inLongs, z, b * outputs, (b + 1) * outputs);
      }
      if (b < to) {
        forwardPair(in, b * inLongs, b * inLongs, z, b * outputs, b * outputs);
      }
    });
  }

  private void forwardPair(long[] in, int x0, int x1, float[] z, int z0, int z1) {
    long[] w = packedSigns;
    int j = 0;
    for (; j + 1 < outputs; j += 2) {
      int w0 = j * inLongs;
      int w1 = w0 + inLongs;
      int d00 = 0;
      int d01 = 0;
      int d10 = 0;
      int d11 = 0;
      for (int k = 0; k < inLongs; k++) {
        long a0 = in[x0 + k];
        long a1 = in[x1 + k];
        long v0 = w[w0 + k];
        long v1 = w[w1 + k];
        d00 += Long.bitCount(a0 ^ v0);
        d01 += Long.bitCount(a0 ^ v1);
        d10 += Long.bitCount(a1 ^ v0);
        d11 += Long.bitCount(a1 ^ v1);
      }
      z[z0 + j] = inputs - 2 * d00;
      z[z0 + j + 1] = inputs - 2 * d01;
      z[z1 + j] = inputs - 2 * d10;
      z[z1 + j + 1] = inputs - 2 * d11;
    }
    if (j < outputs) {
      int w0 = j * inLongs;
      int d0 = 0;
      int d1 = 0;
      for (int k = 0; k < inLongs; k++) {
        d0 += Long.bitCount(in[x0 + k] ^ w[w0 + k]);
        d1 += Long.bitCount(in[x1 + k] ^ w[w0 + k]);
      }
      z[z0 + j] = inputs - 2 * d0;
      z[z1 + j] = inputs - 2 * d1;
    }
  }

  /**
   * Accumulates ∂L/∂W into the weight gradient and, when {@code dx} is not null, writes ∂L/∂x.
   *
   * @param dz ∂L/∂z, batch × outputs
   * @param x the forward input (its {@code signs} must be current)
   */
  public void backward(float[] dz, BinaryBatch x, float[] dx) {
    int n = x.size;
    Gemm.multiplyAdd(weights.grad(), dz, 1, outputs, x.signs, outputs, n, inputs);
    if (dx != null) {
      Arrays.fill(dx, 0, n * inputs, 0f);
      Gemm.multiplyAdd(dx, dz, outputs, 1, binaryWeights ? signs : weights.value(), n, outputs, inputs);
    }
  }
}
