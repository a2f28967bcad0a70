package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float forward of a convolution, one sample at a time, straight from its HWC input (padded
 * once per sample) instead of through a column matrix:
 *
 * <pre>
 *   z[p][o] = Σ_k x[base(p) + tap(k)] · Wᵀ[k][o]     p = (oy, ox), k = (ky, kx, c) in column order
 *   base(p) = (oy·s·W' + ox·s)·C,  tap(k) = (ky·W' + kx)·C + c   (W' the padded width)
 * </pre>
 *
 * Four output pixels × 16 filters per register block (8 accumulators), so each pair of filter
 * vectors loaded feeds eight FMAs. Every z is the chain acc = Wᵀ[k][o]·x + acc over k in order
 * from +0, which is what {@link io.onebit.trainer.math.Gemm}'s register tiles compute for the rows
 * and columns they fuse: the bits of im2col + GEMM when the filters fill whole 16-wide tiles and
 * the batch's rows whole 4-row groups ({@link Conv2d#samplewise}). Written for cnn-s's 8-bit first
 * layer (K = 9, 32 filters), where building the 9-float rows of the column matrix cost more than
 * the products.
 */
final class DirectConvForward {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  /** Filters per register block: two vectors. */
  static final int BLOCK_FILTERS = 2 * LANES;

  private final ConvGeometry geometry;
  private final int channels;
  private final int outputs;
  private final float padValue;
  private final boolean padded;
  /** Columns of the tensor the windows index: the padded copy's, or the input's. */
  private final int cols;
  private final int[] tap;
  /** Per output pixel p = (oy, ox), its window's first value: (oy·s·W' + ox·s)·C. */
  private final int[] window;

  DirectConvForward(ConvGeometry geometry, int channels, int outputs, float padValue) {
    this.geometry = geometry;
    this.channels = channels;
    this.outputs = outputs;
    this.padValue = padValue;
    this.padded = Im2col.padded(geometry);
    this.cols = padded ? Im2col.paddedWidth(geometry) : geometry.inWidth();
    int kw = geometry.kernelWidth();
    this.tap = new int[geometry.kernelHeight() * kw * channels];
    for (int k = 0; k < tap.length; k++) {
      int c = k % channels;
      int kx = k / channels % kw;
      int ky = k / channels / kw;
      tap[k] = (ky * cols + kx) * channels + c;
    }
    int ow = geometry.outWidth();
    int s = geometry.stride();
    this.window = new int[geometry.outHeight() * ow];
    for (int p = 0; p < window.length; p++) {
      window[p] = ((p / ow) * s * cols + (p % ow) * s) * channels;
    }
  }

  /** Whether the filters fill whole blocks of 16 (the GEMM's fused columns). */
  static boolean applies(int outputs) {
    return outputs % BLOCK_FILTERS == 0;
  }

  /**
   * z[0 .. OH·OW·outputs) = the convolution of sample {@code b} of {@code in} (batch × H × W × C)
   * with {@code wT} (K × outputs, the forward weights transposed).
   */
  void forward(float[] in, int b, float[] wT, float[] z) {
    int inSample = geometry.inHeight() * geometry.inWidth() * channels;
    float[] x = in;
    int base = b * inSample;
    if (padded) {
      x = Im2col.sampleBuffer(Im2col.paddedHeight(geometry) * cols * channels);
      Im2col.padSample(in, base, geometry, channels, padValue, x, 0);
      base = 0;
    }
    int pixels = window.length;
    int k = tap.length;
    for (int j = 0; j < outputs; j += BLOCK_FILTERS) {
      int p = 0;
      for (; p + 4 <= pixels; p += 4) {
        block4(x, base + window[p], base + window[p + 1], base + window[p + 2], base + window[p + 3], wT, j, k, z,
            p * outputs + j);
      }
      for (; p < pixels; p++) {
        block1(x, base + window[p], wT, j, k, z, p * outputs + j);
      }
    }
  }

  private void block4(float[] x, int x0, int x1, int x2, int x3, float[] wT, int j, int k, float[] z, int z0) {
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    int[] t = tap;
    int n = outputs;
    for (int kk = 0; kk < k; kk++) {
      int w = kk * n + j;
      FloatVector w0 = FloatVector.fromArray(SPECIES, wT, w);
      FloatVector w1 = FloatVector.fromArray(SPECIES, wT, w + LANES);
      int tk = t[kk];
      FloatVector v = FloatVector.broadcast(SPECIES, x[x0 + tk]);
      a00 = w0.fma(v, a00);
      a01 = w1.fma(v, a01);
      v = FloatVector.broadcast(SPECIES, x[x1 + tk]);
      a10 = w0.fma(v, a10);
      a11 = w1.fma(v, a11);
      v = FloatVector.broadcast(SPECIES, x[x2 + tk]);
      a20 = w0.fma(v, a20);
      a21 = w1.fma(v, a21);
      v = FloatVector.broadcast(SPECIES, x[x3 + tk]);
      a30 = w0.fma(v, a30);
      a31 = w1.fma(v, a31);
    }
    a00.intoArray(z, z0);
    a01.intoArray(z, z0 + LANES);
    a10.intoArray(z, z0 + n);
    a11.intoArray(z, z0 + n + LANES);
    a20.intoArray(z, z0 + 2 * n);
    a21.intoArray(z, z0 + 2 * n + LANES);
    a30.intoArray(z, z0 + 3 * n);
    a31.intoArray(z, z0 + 3 * n + LANES);
  }

  private void block1(float[] x, int x0, float[] wT, int j, int k, float[] z, int z0) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    for (int kk = 0; kk < k; kk++) {
      int w = kk * outputs + j;
      FloatVector v = FloatVector.broadcast(SPECIES, x[x0 + tap[kk]]);
      a0 = FloatVector.fromArray(SPECIES, wT, w).fma(v, a0);
      a1 = FloatVector.fromArray(SPECIES, wT, w + LANES).fma(v, a1);
    }
    a0.intoArray(z, z0);
    a1.intoArray(z, z0 + LANES);
  }
}
