package io.onebit.trainer.cnn;

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
final class Im2col {
  private Im2col() {}

  static void im2col(float[] in, int batch, ConvGeometry g, int channels, float padValue, float[] col) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        int inBase = b * inSample;
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int row = ((b * oh + oy) * ow + ox) * k;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
              int iy = oy * g.stride() + ky - g.padTop();
              for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int ix = ox * g.stride() + kx - g.padLeft();
                int dst = row + (ky * g.kernelWidth() + kx) * channels;
                if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) {
                  java.util.Arrays.fill(col, dst, dst + channels, padValue);
                } else {
                  System.arraycopy(in, inBase + (iy * g.inWidth() + ix) * channels, col, dst, channels);
                }
              }
            }
          }
        }
      }
    });
  }

  /** Overwrites {@code dIn} (batch samples) with the sum of the column gradients; padding taps are dropped. */
  static void col2im(float[] dCol, int batch, ConvGeometry g, int channels, float[] dIn) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(dIn, from * inSample, to * inSample, 0f);
      for (int b = from; b < to; b++) {
        int inBase = b * inSample;
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int row = ((b * oh + oy) * ow + ox) * k;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
              int iy = oy * g.stride() + ky - g.padTop();
              if (iy < 0 || iy >= g.inHeight()) {
                continue;
              }
              for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int ix = ox * g.stride() + kx - g.padLeft();
                if (ix < 0 || ix >= g.inWidth()) {
                  continue;
                }
                int src = row + (ky * g.kernelWidth() + kx) * channels;
                int dst = inBase + (iy * g.inWidth() + ix) * channels;
                for (int c = 0; c < channels; c++) {
                  dIn[dst + c] += dCol[src + c];
                }
              }
            }
          }
        }
      }
    });
  }
}
