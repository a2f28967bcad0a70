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

  /** Receives one (window row, tap): its offset in the column matrix and in the input, −1 for padding. */
  @FunctionalInterface
  private interface TapVisitor {
    void visit(int colOffset, int inOffset);
  }

  /**
   * Visits every (sample, output pixel, tap) of samples [from, to) in column order; the
   * column matrix has K = KH·KW·C columns and each tap covers C consecutive ones.
   */
  private static void forEachTap(int from, int to, ConvGeometry g, int channels, TapVisitor visitor) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    for (int b = from; b < to; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int row = ((b * oh + oy) * ow + ox) * k;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int ix = ox * g.stride() + kx - g.padLeft();
              boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
              visitor.visit(row + (ky * g.kernelWidth() + kx) * channels,
                  inside ? b * inSample + (iy * g.inWidth() + ix) * channels : -1);
            }
          }
        }
      }
    }
  }

  public static void im2col(float[] in, int batch, ConvGeometry g, int channels, float padValue, float[] col) {
    Parallel.range(batch, 1, (from, to) -> forEachTap(from, to, g, channels, (dst, src) -> {
      if (src < 0) {
        java.util.Arrays.fill(col, dst, dst + channels, padValue);
      } else if (channels == 1) {
        col[dst] = in[src];
      } else {
        System.arraycopy(in, src, col, dst, channels);
      }
    }));
  }

  /** Overwrites {@code dIn} (batch samples) with the sum of the column gradients; padding taps are dropped. */
  public static void col2im(float[] dCol, int batch, ConvGeometry g, int channels, float[] dIn) {
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(dIn, from * inSample, to * inSample, 0f);
      forEachTap(from, to, g, channels, (src, dst) -> {
        if (dst >= 0) {
          for (int c = 0; c < channels; c++) {
            dIn[dst + c] += dCol[src + c];
          }
        }
      });
    });
  }
}
