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
    int oh = g.outHeight();
    int ow = g.outWidth();
    int kw = g.kernelWidth();
    int rowWidth = kw * channels;
    int k = g.kernelHeight() * rowWidth;
    int inSample = g.inHeight() * g.inWidth() * channels;
    for (int b = from; b < to; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int row = ((b * oh + oy) * ow + ox) * k;
          int left = ox * g.stride() - g.padLeft();
          int head = Math.max(0, -left) * channels;
          int tail = Math.min(kw, g.inWidth() - left) * channels;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            int dst = row + ky * rowWidth;
            if (iy < 0 || iy >= g.inHeight() || head >= tail) {
              java.util.Arrays.fill(col, dst, dst + rowWidth, padValue);
              continue;
            }
            for (int i = 0; i < head; i++) {
              col[dst + i] = padValue;
            }
            int src = b * inSample + (iy * g.inWidth() + left) * channels;
            for (int i = head; i < tail; i++) {
              col[dst + i] = in[src + i];
            }
            for (int i = tail; i < rowWidth; i++) {
              col[dst + i] = padValue;
            }
          }
        }
      }
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
