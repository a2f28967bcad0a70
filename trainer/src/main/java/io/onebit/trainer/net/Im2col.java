package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.trainer.math.Parallel;

/**
 * Rewrites convolution windows as matrix rows, so a convolution is one matrix product.
 *
 * <pre>
 *   im2col:  col[(b·OH + oy)·OW + ox][(ky·KW + kx)·C + c] = in[b][oy·s + ky − pad_top][ox·s + kx − pad_left][c]
 *            (the padding value where the tap falls outside the input)
 *   col2im:  ∂in[b][iy][ix][c] = Σ over the (row, tap) pairs that read it of ∂col[row][tap·C + c]
 * </pre>
 *
 * The column order (ky, kx, c) is the deploy model's weight order [out][ky][kx][c], so a filter
 * is one contiguous row of K = KH·KW·C latent weights. Work is split over the batch.
 */
public final class Im2col {
  private Im2col() {}

  /**
   * Receives one kernel row ky of one window row: the taps kx in [kx0, kx1) read the input pixels
   * from {@code inOffset} on, (kx1 − kx0)·C consecutive floats (HWC keeps a row of taps contiguous);
   * the taps outside [kx0, kx1), or all of them when {@code inOffset} is −1 (iy outside), are padding.
   */
  @FunctionalInterface
  private interface KernelRowVisitor {
    void visit(int colOffset, int kx0, int kx1, int inOffset);
  }

  /**
   * Visits every (sample, output pixel, kernel row) of samples [from, to) in column order; the
   * column matrix has K = KH·KW·C columns, each kernel row covers KW·C consecutive ones.
   */
  private static void forEachKernelRow(int from, int to, ConvGeometry g, int channels, KernelRowVisitor visitor) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int kw = g.kernelWidth();
    int k = g.kernelHeight() * kw * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    for (int b = from; b < to; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int row = ((b * oh + oy) * ow + ox) * k;
          int left = ox * g.stride() - g.padLeft();
          int kx0 = Math.max(0, -left);
          int kx1 = Math.min(kw, g.inWidth() - left);
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            boolean inside = iy >= 0 && iy < g.inHeight() && kx0 < kx1;
            visitor.visit(row + ky * kw * channels, kx0, kx1,
                inside ? b * inSample + (iy * g.inWidth() + left + kx0) * channels : -1);
          }
        }
      }
    }
  }

  public static void im2col(float[] in, int batch, ConvGeometry g, int channels, float padValue, float[] col) {
    Parallel.range(batch, 1, (from, to) -> im2colSamples(in, from, to, g, channels, padValue, col));
  }

  /**
   * {@link #im2col} of samples [from, to), written out (not through {@link #forEachKernelRow}):
   * this runs on every float-input convolution's forward, and a visitor call per kernel row cost
   * more than the copy itself.
   */
  private static void im2colSamples(float[] in, int from, int to, ConvGeometry g, int channels, float padValue,
      float[] col) {
    int rowsPerSample = g.outHeight() * g.outWidth() * g.kernelHeight() * g.kernelWidth() * channels;
    for (int b = from; b < to; b++) {
      im2colSample(in, b, g, channels, padValue, col, b * rowsPerSample);
    }
  }

  /**
   * The OH·OW column rows of sample {@code b} alone, written to {@code col} from {@code colOffset}
   * (a convolution computed one sample at a time, {@link Conv2d#forwardSample}). A sample whose
   * windows reach outside it is first copied into a padded one ({@link #padSample}), so that every
   * kernel row is one plain copy.
   */
  static void im2colSample(float[] in, int b, ConvGeometry g, int channels, float padValue, float[] col,
      int colOffset) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int rowWidth = g.kernelWidth() * channels;
    int k = g.kernelHeight() * rowWidth;
    int inSample = g.inHeight() * g.inWidth() * channels;
    boolean padded = padded(g);
    int cols = padded ? paddedWidth(g) : g.inWidth();
    float[] x = in;
    int base = b * inSample;
    if (padded) {
      x = sampleBuffer(paddedHeight(g) * cols * channels);
      padSample(in, base, g, channels, padValue, x, 0);
      base = 0;
    }
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        int row = colOffset + (oy * ow + ox) * k;
        int window = base + (oy * cols + ox) * g.stride() * channels;
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
          int src = window + ky * cols * channels;
          int dst = row + ky * rowWidth;
          for (int i = 0; i < rowWidth; i++) {
            col[dst + i] = x[src + i];
          }
        }
      }
    }
  }

  private static final ThreadLocal<float[]> SAMPLE = ThreadLocal.withInitial(() -> new float[0]);

  /** This thread's padded-sample buffer, grown to {@code size} floats. */
  static float[] sampleBuffer(int size) {
    float[] buffer = SAMPLE.get();
    if (buffer.length < size) {
      buffer = new float[size];
      SAMPLE.set(buffer);
    }
    return buffer;
  }

  /** Rows of the tensor a convolution's windows span, (OH − 1)·s + KH. */
  static int paddedHeight(ConvGeometry g) {
    return (g.outHeight() - 1) * g.stride() + g.kernelHeight();
  }

  /** Columns of the tensor a convolution's windows span, (OW − 1)·s + KW. */
  static int paddedWidth(ConvGeometry g) {
    return (g.outWidth() - 1) * g.stride() + g.kernelWidth();
  }

  /** Whether some window reaches outside the input, so windows index a padded copy. */
  static boolean padded(ConvGeometry g) {
    return g.padTop() > 0 || g.padLeft() > 0 || paddedHeight(g) - g.padTop() > g.inHeight()
        || paddedWidth(g) - g.padLeft() > g.inWidth();
  }

  /**
   * Copies one sample (H×W×C at {@code inOffset}) into a {@link #paddedHeight} × {@link #paddedWidth}
   * × C tensor at {@code outOffset}: padded (py, px) = input (py − pad_top, px − pad_left), the
   * padding value outside the input, input rows and columns no window reads left out.
   */
  static void padSample(float[] in, int inOffset, ConvGeometry g, int channels, float padValue, float[] out,
      int outOffset) {
    int rows = paddedHeight(g);
    int cols = paddedWidth(g);
    java.util.Arrays.fill(out, outOffset, outOffset + rows * cols * channels, padValue);
    int width = Math.min(g.inWidth(), cols - g.padLeft()) * channels;
    for (int iy = 0; iy < g.inHeight() && iy + g.padTop() < rows; iy++) {
      System.arraycopy(in, inOffset + iy * g.inWidth() * channels, out,
          outOffset + ((iy + g.padTop()) * cols + g.padLeft()) * channels, width);
    }
  }

  /** Overwrites {@code dIn} (batch samples) with the sum of the column gradients; padding taps are dropped. */
  public static void col2im(float[] dCol, int batch, ConvGeometry g, int channels, float[] dIn) {
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(dIn, from * inSample, to * inSample, 0f);
      forEachKernelRow(from, to, g, channels, (src, kx0, kx1, dst) -> {
        if (dst >= 0) {
          int n = (kx1 - kx0) * channels;
          int at = src + kx0 * channels;
          for (int i = 0; i < n; i++) {
            dIn[dst + i] += dCol[at + i];
          }
        }
      });
    });
  }
}
