package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import io.onebit.trainer.math.BitCopy;
import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import java.util.Random;

/**
 * A convolution with binary weights sign(W) (BinaryNet), as im2col + one float GEMM:
 *
 * <pre>
 *   forward:  z[r][o] = Σ_k col[r][k] · sign(W[o][k])           (r = (b, oy, ox), k = (ky, kx, c))
 *   backward: ∂L/∂W[o][k]  = Σ_r ∂L/∂z[r][o] · col[r][k]         (straight through sign(W))
 *             ∂L/∂col[r][k] = Σ_o ∂L/∂z[r][o] · sign(W[o][k]),  then col2im → ∂L/∂in
 * </pre>
 *
 * Inputs are ±1 (or the raw bytes 0..255 of an 8-bit first layer), so z is an exact integer in
 * float whatever the summation order: the float network and the folded integer one see the same
 * dot. 'same' windows read {@code padValue} outside the image: +1 for ±1 inputs (the deploy
 * model's padding bit 0), 0 for raw bytes. A 1×1 stride-1 convolution reads its input as the
 * column matrix directly.
 *
 * <p>When the input is binary (packed ±1) and the weights are sign(W), the forward is the deployed
 * integer formula instead: each window's bits are gathered into {@code ⌈K/64⌉} longs (a bit-level
 * im2col, padding taps left 0 = +1) and z = K − 2·popcount(window XOR filter), two windows × two
 * filters per step.
 *
 * <p>The backward runs straight from the input tensor and the nonzero output gradients
 * ({@link DirectConvBackward}) when they are sparse, as behind a max-pool, and otherwise builds
 * the float columns for two GEMMs; both give the same bits.
 */
public final class Conv2d extends WeightLayer {
  public final ConvGeometry geometry;
  public final int inChannels;
  /** The value of a 'same' padding tap: +1 for ±1 inputs, 0 for raw 8-bit input. */
  public final float padValue;
  private final boolean columnsAreInput;
  private final Activations out;
  private Activations input;
  private float[] col = new float[0];
  private boolean colCurrent;
  private long[] windows = new long[0];
  /** Whether {@code windows} holds this batch's input windows as bits (the XOR/popcount forward ran). */
  private boolean windowsCurrent;
  private float[] dCol = new float[0];
  private float[] dIn = new float[0];
  private DirectConvBackward direct;
  /** The geometry's padding, computed once: the window gather reads it for every tap. */
  private final int padTop;
  private final int padLeft;

  Conv2d(String name, ConvGeometry geometry, int inChannels, int outChannels, float padValue, Random random) {
    super(name, geometry.kernelHeight() * geometry.kernelWidth() * inChannels,
        geometry.kernelHeight() * geometry.kernelWidth() * outChannels, outChannels, random);
    if (padValue != 1f && padValue != 0f) {
      throw new IllegalArgumentException(name + ": padding value " + padValue + " (+1 for ±1 inputs, 0 for raw bytes)");
    }
    this.geometry = geometry;
    this.inChannels = inChannels;
    this.padValue = padValue;
    this.padTop = geometry.padTop();
    this.padLeft = geometry.padLeft();
    this.columnsAreInput = geometry.kernelHeight() == 1 && geometry.kernelWidth() == 1 && geometry.stride() == 1;
    this.out = new Activations(outputShape());
    refresh();
  }

  @Override
  public TensorShape inputShape() {
    return new TensorShape(geometry.inHeight(), geometry.inWidth(), inChannels);
  }

  @Override
  public TensorShape outputShape() {
    return new TensorShape(geometry.outHeight(), geometry.outWidth(), outputs);
  }


  private int rows(int batch) {
    return batch * geometry.outHeight() * geometry.outWidth();
  }

  @Override
  public Activations forward(Activations in, boolean training, Random random) {
    requirePadding(in);
    input = in;
    int batch = in.batch();
    int rows = rows(batch);
    out.prepare(batch, false);
    if (in.binary() && binaryWeights()) {
      colCurrent = false;
      forwardBits(in, batch, out.values());
      windowsCurrent = true;
      return out;
    }
    windowsCurrent = false;
    columns(in, batch, rows);
    multiplyFloat(col, rows, out.values());
    return out;
  }

  /**
   * Refuses ±1 input to a convolution built to pad with 0: its XOR/popcount forward pads with bit 0
   * (+1, as the deploy model does) and its float path with {@code padValue}, so the two would give
   * different z for the same batch.
   *
   * @throws IllegalStateException when {@code in} is binary and {@code padValue} is not +1
   */
  private void requirePadding(Activations in) {
    if (in.binary() && padValue != 1f) {
      throw new IllegalStateException(name() + ": ±1 input needs padding value +1, not " + padValue);
    }
  }

  /** The float column matrix of the input (im2col), rows × K. */
  private void columns(Activations in, int batch, int rows) {
    if (columnsAreInput) {
      col = in.values();
    } else {
      col = grow(col, rows * fanIn);
      Im2col.im2col(in.values(), batch, geometry, inChannels, padValue, col);
    }
    colCurrent = true;
  }

  /**
   * Whether {@link #forwardSample} gives exactly {@link #forward}'s z for every sample of {@code in}.
   * The XOR/popcount path computes integers, so always. The float path multiplies one sample's OH·OW
   * column rows instead of the batch's: every z is the same FMA chain over k in order when all rows
   * are fused GEMM rows both ways ({@link Gemm#fusedRows}: OH·OW a multiple of 4).
   */
  boolean samplewise(Activations in) {
    return (in.binary() && binaryWeights()) || rowsPerSample() % 4 == 0;
  }

  /**
   * Starts a batch computed by {@link #forwardSample}: records {@code in} for the backward (whose
   * column matrix is then rebuilt) and builds the forward weights on this thread.
   */
  void beginSamples(Activations in) {
    requirePadding(in);
    input = in;
    colCurrent = false;
    windowsCurrent = false;
    if (!(in.binary() && binaryWeights())) {
      sampleWeights = prepareFloatForward();
      if (directForward == null && DirectConvForward.applies(outputs)) {
        directForward = new DirectConvForward(geometry, inChannels, outputs, padValue);
      }
    }
  }

  /** The transposed forward weights of this batch's {@link #forwardSample} calls. */
  private float[] sampleWeights;
  private DirectConvForward directForward;

  /**
   * z[0 .. OH·OW·outputs) = this convolution of sample {@code b} of {@code in} alone (after
   * {@link #beginSamples}; safe to call from several threads at once), so that a max-pool after it
   * reads the output from cache instead of a batch-sized tensor ({@link MaxPool2d#forwardAfter}).
   */
  void forwardSample(Activations in, int b, float[] z) {
    int rows = rowsPerSample();
    if (in.binary() && binaryWeights()) {
      long[] win = SAMPLE_WINDOWS.get();
      if (win.length < rows * rowLongs) {
        win = new long[rows * rowLongs];
        SAMPLE_WINDOWS.set(win);
      }
      dotsOfSamples(in, b, b + 1, win, 0, z, 0);
      return;
    }
    if (directForward != null) {
      directForward.forward(in.values(), b, sampleWeights, z);
      return;
    }
    float[] c = SAMPLE_COLUMNS.get();
    if (c.length < rows * fanIn) {
      c = new float[rows * fanIn];
      SAMPLE_COLUMNS.set(c);
    }
    Im2col.im2colSample(in.values(), b, geometry, inChannels, padValue, c, 0);
    multiplyFloat(c, rows, z);
  }

  private static final ThreadLocal<long[]> SAMPLE_WINDOWS = ThreadLocal.withInitial(() -> new long[0]);
  private static final ThreadLocal<float[]> SAMPLE_COLUMNS = ThreadLocal.withInitial(() -> new float[0]);

  /** Output pixels per sample, OH·OW: the column rows of one sample. */
  private int rowsPerSample() {
    return geometry.outHeight() * geometry.outWidth();
  }

  /** z = K − 2·popcount(window XOR filter) for every window and filter. */
  private void forwardBits(Activations in, int batch, float[] z) {
    int pixels = rowsPerSample();
    if (windows.length < batch * pixels * rowLongs) {
      windows = new long[batch * pixels * rowLongs];
    }
    long[] win = windows;
    Parallel.range(batch, 1, (from, to) -> dotsOfSamples(in, from, to, win, from * pixels, z, from * pixels));
  }

  /**
   * The XOR/popcount z of samples [from, to) of {@code in}: their windows gathered into {@code win}
   * from row {@code winRow} on (⌈K/64⌉ longs each), their z written to {@code z} from row
   * {@code zRow} on, two windows × two filters per step.
   */
  private void dotsOfSamples(Activations in, int from, int to, long[] win, int winRow, float[] z, int zRow) {
    int oh = geometry.outHeight();
    int ow = geometry.outWidth();
    int k = rowLongs;
    long[] bits = in.packed();
    long sampleBits = (long) in.longs() * 64;
    int rows = (to - from) * oh * ow;
    java.util.Arrays.fill(win, winRow * k, (winRow + rows) * k, 0L);
    for (int b = from; b < to; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int row = winRow + ((b - from) * oh + oy) * ow + ox;
          gatherWindow(bits, b * sampleBits, oy, ox, win, (long) row * k * 64);
        }
      }
    }
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      xnorPair(win, (winRow + r) * k, (winRow + r + 1) * k, z, (zRow + r) * outputs, (zRow + r + 1) * outputs);
    }
    if (r < rows) {
      xnorPair(win, (winRow + r) * k, (winRow + r) * k, z, (zRow + r) * outputs, (zRow + r) * outputs);
    }
  }

  /**
   * ORs the window of output pixel (oy, ox) into {@code win} at bit {@code at}; padding taps stay 0
   * (+1). In HWC a kernel row's taps inside the image are one run of bits, (kx1 − kx0)·C long, so
   * each row is one copy (a 1-channel 6 × 6 window: 6 copies instead of 36).
   */
  private void gatherWindow(long[] bits, long sampleBit, int oy, int ox, long[] win, long at) {
    int c = inChannels;
    int kh = geometry.kernelHeight();
    int kw = geometry.kernelWidth();
    int inH = geometry.inHeight();
    int inW = geometry.inWidth();
    int y0 = oy * geometry.stride() - padTop;
    int x0 = ox * geometry.stride() - padLeft;
    int kx0 = Math.max(0, -x0);
    int kx1 = Math.min(kw, inW - x0);
    if (kx0 >= kx1) {
      return;
    }
    for (int ky = 0; ky < kh; ky++) {
      int iy = y0 + ky;
      if (iy >= 0 && iy < inH) {
        BitCopy.or(bits, sampleBit + (long) (iy * inW + x0 + kx0) * c, win, at + (long) (ky * kw + kx0) * c,
            (kx1 - kx0) * c);
      }
    }
  }

  /** Which backward a convolution runs: chosen by gradient density, or forced (tests, benchmarks). */
  enum BackwardPath { AUTO, COLUMNS, DIRECT }

  /** Set only by tests and LayerBenchmark to compare the two paths; both give the same bits. */
  static volatile BackwardPath backwardPath = BackwardPath.AUTO;

  /** Times the two backward paths where both are worth taking (AUTO), and then keeps the faster. */
  private final PathTimer pathTimer = new PathTimer();

  /**
   * The direct backward ({@link DirectConvBackward}) or im2col + GEMM + col2im; the two agree bit
   * for bit. The direct path needs the channels to fill whole vectors; above 75 % nonzero output
   * gradients the columns are always faster; at or below it (behind a max-pool, or the hard-tanh
   * cancel of the next sign) which one wins depends on the shape, so both are timed on the first
   * batches and the faster is kept ({@link PathTimer}).
   */
  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    int rows = rows(input.batch());
    boolean sparse = directApplies(DirectConvBackward.density(dOut, rows * outputs));
    boolean timed = backwardPath == BackwardPath.AUTO && sparse && !pathTimer.decided();
    boolean direct = switch (backwardPath) {
      case COLUMNS -> false;
      case DIRECT -> true;
      case AUTO -> sparse && pathTimer.first();
    };
    long start = timed ? System.nanoTime() : 0;
    float[] dIn = direct ? backwardDirect(dOut, needInput) : backwardByColumns(dOut, needInput);
    if (timed) {
      pathTimer.record(direct, System.nanoTime() - start);
    }
    return dIn;
  }

  /**
   * Whether the direct backward is worth taking at this share of nonzero output gradients: the
   * channels fill whole vectors and at most 75 % are nonzero (above, the columns always win).
   */
  private boolean directApplies(double density) {
    return inChannels % 8 == 0 && density <= DirectConvBackward.MAX_DENSITY;
  }

  /** What {@link #backwardThroughPool} returns where it does not apply: the caller runs the two backwards. */
  static final float[] NOT_THROUGH_POOL = new float[0];

  /**
   * The backward of this convolution and of {@code pool} after it, from the pool's output gradient,
   * without ∂L/∂z as a tensor: the same bits as {@code pool.backward} then {@link #backward}. A
   * first layer (no input gradient) whose K is narrow sums its weight gradient straight from the
   * pool's maxima ({@link PooledWeightGradient}); otherwise the direct backward lists the nonzero
   * gradients from the pooled ones ({@link DirectConvBackward#weightGradientThroughPool}), where
   * {@link #backward} would take the direct path. Returns ∂L/∂in (null without {@code needInput}),
   * or {@link #NOT_THROUGH_POOL}, doing nothing, where neither applies (overlapping windows, the
   * column path).
   */
  float[] backwardThroughPool(MaxPool2d pool, float[] dPool, boolean needInput) {
    ConvGeometry p = pool.geometry;
    if (p.stride() < p.kernelHeight() || p.stride() < p.kernelWidth()) {
      return NOT_THROUGH_POOL;
    }
    int batch = input.batch();
    if (!needInput && PooledWeightGradient.applies(this, pool)) {
      if (pooledGradient == null || pooledGradientPool != pool) {
        pooledGradient = new PooledWeightGradient(this, pool);
        pooledGradientPool = pool;
      }
      boolean set = settingGradient();
      pooledGradient.compute(input.values(), batch, dPool, pool.positions(), latent().grad(), set);
      return null;
    }
    int pooled = batch * p.outHeight() * p.outWidth() * outputs;
    // each nonzero pooled gradient is one nonzero ∂L/∂z: the density the direct path is chosen by
    boolean directPath = switch (backwardPath) {
      case COLUMNS -> false;
      case DIRECT -> inChannels % 8 == 0;
      case AUTO -> directApplies(DirectConvBackward.density(dPool, pooled) * pooled / ((double) rows(batch) * outputs));
    };
    if (!directPath) {
      return NOT_THROUGH_POOL;
    }
    if (direct == null) {
      direct = new DirectConvBackward(geometry, inChannels, outputs, padValue);
    }
    direct.weightGradientThroughPool(dPool, pool.positions(), p, input.values(), batch, gradientToAddTo());
    if (!needInput) {
      return null;
    }
    dIn = grow(dIn, batch * inputShape().elements());
    direct.inputGradientThroughPool(dPool, pool.positions(), p, forwardWeights(), batch, dIn);
    return dIn;
  }

  private PooledWeightGradient pooledGradient;
  private MaxPool2d pooledGradientPool;

  private float[] backwardDirect(float[] dOut, boolean needInput) {
    int batch = input.batch();
    if (direct == null) {
      direct = new DirectConvBackward(geometry, inChannels, outputs, padValue);
    }
    direct.weightGradient(dOut, input.values(), batch, gradientToAddTo());
    if (!needInput) {
      return null;
    }
    dIn = grow(dIn, batch * inputShape().elements());
    direct.inputGradient(dOut, forwardWeights(), batch, dIn);
    return dIn;
  }

  /**
   * Filters from which the weight gradient is taken from the windows' bits: each unpacked bit
   * feeds one FMA per filter, so with few filters unpacking costs more than the float columns.
   */
  private static final int SIGNS_MIN_FILTERS = 32;

  /**
   * The reference twin of the direct backward: the column matrix, two GEMMs, col2im. After the
   * XOR/popcount forward, a weight gradient that is to be set is taken from the windows' bits
   * instead when there are enough filters ({@link WeightLayer#backwardProductsFromSigns}: the same
   * bits, without building the float column matrix, 32 times their size).
   */
  float[] backwardByColumns(float[] dOut, boolean needInput) {
    int batch = input.batch();
    int rows = rows(batch);
    float[] dx = null;
    if (needInput) {
      dCol = grow(dCol, rows * fanIn);
      dx = dCol;
    }
    if (!colCurrent && windowsCurrent && gradientToBeSet() && Gemm.fusedColumns(fanIn) > 0
        && outputs >= SIGNS_MIN_FILTERS) {
      backwardProductsFromSigns(dOut, windows, rowLongs, rows, dx);
    } else {
      if (!colCurrent) {
        columns(input, batch, rows);
      }
      backwardProducts(dOut, col, rows, dx);
    }
    if (!needInput || columnsAreInput) {
      return dx;
    }
    dIn = grow(dIn, batch * inputShape().elements());
    Im2col.col2im(dCol, batch, geometry, inChannels, dIn);
    return dIn;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.conv(this);
  }
}
