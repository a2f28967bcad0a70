package io.onebit.trainer.net;

import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.math.SignPacking;
import io.onebit.trainer.math.Transpose;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.Quantizer;
import java.util.List;
import java.util.Random;

/**
 * A layer with binary weights: {@code outputs} filters of {@code fanIn} weights each, row o =
 * filter o (for a convolution in the deploy order [ky][kx][c]). What the network computes with
 * is sign(W) of a real latent tensor W ({@link #latent()}), whatever the training method makes
 * of W: BinaryNet's clipped latent weight, a Bernoulli weight's logit, a policy's logit. Fold
 * deploys sign(W) (sign(0) = +1).
 *
 * <pre>
 *   forward:  z[r][o] = Σ_k x[r][k] · sign(W[o][k])             (r: a sample, or a (sample, pixel) window)
 *   backward: ∂L/∂W[o][k] = Σ_r ∂L/∂z[r][o] · x[r][k]           (straight through sign(W))
 *             ∂L/∂x[r][k] = Σ_o ∂L/∂z[r][o] · sign(W[o][k])
 * </pre>
 *
 * With {@linkplain #setBinaryWeights binary weights off} (stage 1 of AdamBNN's two-stage recipe)
 * the forward and ∂L/∂x use W itself. Initialisation is BinaryNet's: W uniform in [−H, H],
 * H = √(1.5/(fan_in + fan_out)), and W's learning rate scaled by 1/H, so that one step moves a
 * weight by the same fraction of its range in every layer.
 *
 * <p>Caches kept current by {@link #refresh()}: sign(W) packed per filter row
 * ({@code ⌈fanIn/64⌉} longs, bit 1 = −1, padding 0) for XOR + popcount products, flip counts and
 * the input gradient; rebuilt on first use after a change, the signs as ±1 floats and their
 * transpose, for the products that take float weights.
 */
public abstract sealed class WeightLayer implements Layer permits Dense, Conv2d {
  /** Weights per filter (K). */
  public final int fanIn;
  /** Filters (output channels or units). */
  public final int outputs;
  final int rowLongs;
  private final String name;
  private Param latent;
  /** BinaryNet's learning-rate scale of the latent weights, 1/H with H = √(1.5/(fan-in + fan-out)) (Glorot). */
  private final float latentLrScale;
  private final long[] packedSigns;
  private float[] signs;
  private boolean signsStale = true;
  private float[] transposed;
  private boolean transposedStale = true;
  private float[] sampled;
  private boolean binaryWeights = true;
  /** The next backward sets W's gradient instead of adding to it ({@link Network#backwardSettingGradients}). */
  private boolean setGradient;
  private static final int GRADIENT_BLOCK = 256;

  WeightLayer(String name, int fanIn, int fanOut, int outputs, Random random) {
    this.name = name;
    this.fanIn = fanIn;
    this.outputs = outputs;
    this.rowLongs = (fanIn + 63) >>> 6;
    float h = (float) Math.sqrt(1.5 / (fanIn + fanOut));
    float[] w = new float[outputs * fanIn];
    for (int i = 0; i < w.length; i++) {
      w[i] = (random.nextFloat() * 2 - 1) * h;
    }
    this.latentLrScale = 1 / h;
    this.latent = Param.latentWeights(name + ".weights", w, latentLrScale);
    this.packedSigns = new long[outputs * rowLongs];
  }

  public String name() {
    return name;
  }

  /** The real tensor W, outputs × fanIn, whose sign is the binary weight. */
  public Param latent() {
    return latent;
  }

  /**
   * Replaces W's parametrisation (same shape), e.g. by a method that keeps logits with their own
   * learning-rate scale and clip; the forward follows the new tensor's signs.
   */
  public void setLatent(Param p) {
    if (p.size() != outputs * fanIn) {
      throw new IllegalArgumentException(name + ": latent tensor of " + p.size() + " values, expected "
          + outputs * fanIn);
    }
    latent = p;
    refresh();
  }

  /**
   * Makes W BinaryNet's clipped latent weights again, with values {@code w} (outputs × fanIn, in
   * [−1, 1]) and the layer's own learning-rate scale 1/H: what a method that trained another
   * parametrisation (Bernoulli logits) hands to straight-through training.
   *
   * @throws IllegalArgumentException when {@code w} has another size or a value outside [−1, 1]
   */
  public void setLatentWeights(float[] w) {
    for (float v : w) {
      if (!(v >= -1 && v <= 1)) {
        throw new IllegalArgumentException(name + ": latent weight " + v + " outside [-1, 1]");
      }
    }
    setLatent(Param.latentWeights(name + ".weights", w, latentLrScale));
  }

  /** sign(W) packed, {@code ⌈fanIn/64⌉} longs per filter, bit 1 = −1, padding 0. */
  public long[] packedSigns() {
    return packedSigns;
  }

  /** Number of binary weights. */
  public long weightCount() {
    return (long) outputs * fanIn;
  }

  public boolean binaryWeights() {
    return binaryWeights;
  }

  /** true: forward with sign(W), the deployed network; false: with the real W. */
  public void setBinaryWeights(boolean binary) {
    binaryWeights = binary;
    refresh();
  }

  /** Recomputes the caches after W changed. */
  public void refresh() {
    packRows(latent.value());
    updateTransposed();
  }

  /**
   * One training-time draw of a stochastic quantizer in place of sign(W) (BinaryNet's stochastic
   * binarization), in index order from {@code random}; the next {@link #refresh} restores sign(W).
   */
  public void sampleSigns(Quantizer quantizer, Random random) {
    float[] w = latent.value();
    if (sampled == null) {
      sampled = new float[w.length];
    }
    for (int i = 0; i < w.length; i++) {
      sampled[i] = quantizer.sample(w[i], random);
    }
    packRows(sampled);
    updateTransposed();
  }

  /** Sets the binary weights to given packed rows (a sampled network); the next {@link #refresh} restores sign(W). */
  public void setSigns(long[] rows) {
    System.arraycopy(rows, 0, packedSigns, 0, packedSigns.length);
    signsStale = true;
    updateTransposed();
  }

  private void packRows(float[] w) {
    Parallel.range(outputs, 16, (from, to) -> {
      for (int o = from; o < to; o++) {
        SignPacking.packBits(w, o * fanIn, fanIn, packedSigns, o * rowLongs);
      }
    });
    signsStale = true;
  }

  /**
   * sign(W) (or the draw) as ±1 floats, outputs × fanIn, unpacked from the bits when first needed
   * after a change: only layers whose products take float weights need them (a float forward, a
   * convolution's input gradient); a dense layer's input gradient reads the bits
   * ({@link Gemm#multiplySigns}), so lfc never writes its 11.6 MB of float signs per step.
   */
  private float[] signs() {
    if (signsStale) {
      if (signs == null) {
        signs = new float[outputs * fanIn];
      }
      float[] out = signs;
      Parallel.range(outputs, 16, (from, to) -> {
        for (int o = from; o < to; o++) {
          SignPacking.unpack(packedSigns, o * rowLongs, 0, fanIn, out, o * fanIn);
        }
      });
      signsStale = false;
    }
    return signs;
  }

  /** The weights the forward multiplies by: sign(W) (or a draw), or W itself with binary weights off. */
  final float[] forwardWeights() {
    return binaryWeights ? signs() : latent.value();
  }

  /** The forward weights changed: their transpose is rebuilt when next needed. */
  private void updateTransposed() {
    transposedStale = true;
  }

  /** Forward weights transposed, K × outputs, rebuilt after a change. */
  private float[] transposed() {
    if (transposedStale) {
      if (transposed == null) {
        transposed = new float[outputs * fanIn];
      }
      Transpose.into(forwardWeights(), outputs, fanIn, transposed);
      transposedStale = false;
    }
    return transposed;
  }

  /**
   * Builds the lazily made forward weights of {@link #multiplyFloat} now, on the calling thread, so
   * that workers may then call it concurrently (one sample each, {@link Conv2d#forwardSample}).
   * Returns them transposed, K × outputs.
   */
  final float[] prepareFloatForward() {
    return transposed();
  }

  /** z (rows × outputs) = x (rows × K) · forward weightsᵀ, by the float GEMM. */
  final void multiplyFloat(float[] x, int rows, float[] z) {
    Gemm.multiply(z, x, fanIn, 1, transposed(), rows, fanIn, outputs);
  }

  /**
   * z = K − 2·popcount(x XOR w) for two packed inputs (rows at {@code x0}, {@code x1} of {@code in},
   * ⌈K/64⌉ longs each) against every filter, two filters at a time, so each loaded word feeds two
   * popcounts: the deployed integer dot of a binary dense layer or a convolution's window.
   */
  final void xnorPair(long[] in, int x0, int x1, float[] z, int z0, int z1) {
    long[] w = packedSigns();
    int k = rowLongs;
    int j = 0;
    for (; j + 1 < outputs; j += 2) {
      int w0 = j * k;
      int w1 = w0 + k;
      int d00 = 0;
      int d01 = 0;
      int d10 = 0;
      int d11 = 0;
      for (int i = 0; i < k; i++) {
        long a0 = in[x0 + i];
        long a1 = in[x1 + i];
        long v0 = w[w0 + i];
        long v1 = w[w1 + i];
        d00 += Long.bitCount(a0 ^ v0);
        d01 += Long.bitCount(a0 ^ v1);
        d10 += Long.bitCount(a1 ^ v0);
        d11 += Long.bitCount(a1 ^ v1);
      }
      z[z0 + j] = fanIn - 2 * d00;
      z[z0 + j + 1] = fanIn - 2 * d01;
      z[z1 + j] = fanIn - 2 * d10;
      z[z1 + j + 1] = fanIn - 2 * d11;
    }
    if (j < outputs) {
      int w0 = j * k;
      int d0 = 0;
      int d1 = 0;
      for (int i = 0; i < k; i++) {
        d0 += Long.bitCount(in[x0 + i] ^ w[w0 + i]);
        d1 += Long.bitCount(in[x1 + i] ^ w[w0 + i]);
      }
      z[z0 + j] = fanIn - 2 * d0;
      z[z1 + j] = fanIn - 2 * d1;
    }
  }
  /**
   * The backward of z = x · Wᵀ over {@code rows} rows: accumulates ∂L/∂W += dzᵀ·x, and when
   * {@code dx} is not null writes ∂L/∂x = dz · W. The weight gradient sums over the rows in
   * blocks of 256, so the block of x every output tile re-reads stays in cache (the sum order is
   * unchanged: each block continues the previous accumulation); a narrow x (K &lt; 16, a first
   * convolution's 3×3 window) is read row by row anyway and goes in one product.
   */
  final void backwardProducts(float[] dz, float[] x, int rows, float[] dx) {
    float[] grad = latent.grad();
    boolean set = setGradient;
    setGradient = false;
    int block = Gemm.fusedColumns(fanIn) == 0 ? rows : GRADIENT_BLOCK;
    for (int from = 0; from < rows; from += block) {
      int size = Math.min(block, rows - from);
      if (set && from == 0) {
        Gemm.multiply(grad, dz, 1, outputs, x, outputs, size, fanIn);
      } else {
        Gemm.multiplyAdd(grad, dz, from * outputs, 1, outputs, x, from * fanIn, outputs, size, fanIn);
      }
    }
    inputProduct(dz, rows, dx);
  }

  /** dx = dz · W (rows × K, overwritten) when {@code dx} is not null: the forward weights, from their bits. */
  private void inputProduct(float[] dz, int rows, float[] dx) {
    if (dx != null && binaryWeights) {
      Gemm.multiplySigns(dx, dz, outputs, 1, packedSigns, rowLongs, rows, outputs, fanIn);
    } else if (dx != null) {
      Gemm.multiply(dx, dz, outputs, 1, latent.value(), rows, outputs, fanIn);
    }
  }

  /**
   * {@link #backwardProducts} with x (rows × K, ±1) given as sign bits, {@code xRowLongs} longs per
   * row (bit 1 = −1, as {@link SignPacking} packs): W's gradient is set to dzᵀ·x by
   * {@link Gemm#multiplySigns}, the bits of the float product. Only for a gradient that is to be
   * set ({@link #gradientToBeSet}) and K ≥ 16.
   */
  final void backwardProductsFromSigns(float[] dz, long[] xSigns, int xRowLongs, int rows, float[] dx) {
    if (!settingGradient()) {
      throw new IllegalStateException(name + ": the gradient from sign bits can only be set, not added to");
    }
    Gemm.multiplySigns(latent.grad(), dz, 1, outputs, xSigns, xRowLongs, outputs, rows, fanIn);
    inputProduct(dz, rows, dx);
  }

  /** Whether the next backward is to set W's gradient rather than add to it. */
  final boolean gradientToBeSet() {
    return setGradient;
  }

  /**
   * Makes the next backward set W's gradient to its product instead of adding to it: the same bits
   * as zeroing it first ({@link Gemm#multiply}), without the pass over the gradient that zeroing is.
   */
  void setGradientOnNextBackward() {
    setGradient = true;
  }

  /**
   * Whether this backward is to set W's gradient rather than add to it ({@link #setGradientOnNextBackward});
   * reading it consumes the request, so the caller must then write every element.
   */
  final boolean settingGradient() {
    boolean set = setGradient;
    setGradient = false;
    return set;
  }

  /** W's gradient for a kernel that only adds to it: zeroed first if the backward is to set it. */
  final float[] gradientToAddTo() {
    if (setGradient) {
      java.util.Arrays.fill(latent.grad(), 0f);
      setGradient = false;
    }
    return latent.grad();
  }

  @Override
  public List<Param> params() {
    return List.of(latent);
  }

  static float[] grow(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[size];
  }
}
