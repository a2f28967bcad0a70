package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.trainer.math.Parallel;

/**
 * A convolution's backward computed directly from its nonzero output gradients, without the
 * column matrix:
 *
 * <pre>
 *   ∂L/∂W[o][tap][c]      += g · in[b][iy][ix][c]     (the padding value where the tap is outside)
 *   ∂L/∂in[b][iy][ix][c]  += g · W[o][tap][c]          for every nonzero g = ∂L/∂z[b][oy][ox][o]
 * </pre>
 *
 * with (iy, ix) the input pixel of tap (ky, kx) at output pixel (oy, ox). In BinaryNet training the
 * output gradient is mostly zeros: a 2×2 max-pool passes it to one position in four, and the
 * hard-tanh cancel of the next sign drops a third of what remains. The work is then proportional
 * to the nonzeros instead of to rows × filters, each an axpy over the C channels of a tap.
 *
 * <p>The weight gradient runs over filters on the cores (each filter's row in a fixed order of
 * output positions), the input gradient over samples, so the sums do not depend on the thread
 * count.
 */
final class SparseConvBackward {
  /**
   * Below this share of nonzero output gradients the direct path beats im2col + GEMM (measured with
   * LayerBenchmark, which sets it to force one path or the other; nothing else writes it).
   */
  static volatile double maxDensity = 0.45;

  private int[] start = new int[0];
  private int[] row = new int[0];
  private float[] value = new float[0];

  /** Share of nonzero entries among the first n. */
  static double density(float[] g, int n) {
    int nonzero = 0;
    for (int i = 0; i < n; i++) {
      if (g[i] != 0f) {
        nonzero++;
      }
    }
    return n == 0 ? 0 : nonzero / (double) n;
  }

  /** Groups the nonzero gradients by filter, in row order: filter o's are start[o] .. start[o + 1]. */
  private void compress(float[] dOut, int rows, int outputs) {
    if (start.length < outputs + 1) {
      start = new int[outputs + 1];
    }
    java.util.Arrays.fill(start, 0, outputs + 1, 0);
    for (int r = 0; r < rows; r++) {
      int base = r * outputs;
      for (int o = 0; o < outputs; o++) {
        if (dOut[base + o] != 0f) {
          start[o + 1]++;
        }
      }
    }
    for (int o = 0; o < outputs; o++) {
      start[o + 1] += start[o];
    }
    int nonzero = start[outputs];
    if (row.length < nonzero) {
      row = new int[nonzero];
      value = new float[nonzero];
    }
    int[] next = java.util.Arrays.copyOf(start, outputs);
    for (int r = 0; r < rows; r++) {
      int base = r * outputs;
      for (int o = 0; o < outputs; o++) {
        float g = dOut[base + o];
        if (g != 0f) {
          int at = next[o]++;
          row[at] = r;
          value[at] = g;
        }
      }
    }
  }

  /** Accumulates ∂L/∂W into {@code dW} (outputs × K) from the gradients and the layer's float input. */
  void weightGradient(float[] dOut, float[] in, int batch, ConvGeometry g, int channels, int outputs, float padValue,
      float[] dW) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    compress(dOut, batch * oh * ow, outputs);
    int k = g.kernelHeight() * g.kernelWidth() * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    int[] rows = row;
    float[] values = value;
    int[] starts = start;
    Parallel.range(outputs, 1, (from, to) -> {
      for (int o = from; o < to; o++) {
        int w0 = o * k;
        for (int e = starts[o]; e < starts[o + 1]; e++) {
          int r = rows[e];
          float grad = values[e];
          int b = r / (oh * ow);
          int pixel = r - b * oh * ow;
          int oy = pixel / ow;
          int ox = pixel - oy * ow;
          int tap = 0;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            for (int kx = 0; kx < g.kernelWidth(); kx++, tap++) {
              int ix = ox * g.stride() + kx - g.padLeft();
              int dst = w0 + tap * channels;
              if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                axpy(grad, in, b * inSample + (iy * g.inWidth() + ix) * channels, dW, dst, channels);
              } else if (padValue != 0f) {
                float add = grad * padValue;
                for (int c = 0; c < channels; c++) {
                  dW[dst + c] += add;
                }
              }
            }
          }
        }
      }
    });
  }

  /** Overwrites {@code dIn} (batch samples) with ∂L/∂in from the gradients and the forward weights. */
  void inputGradient(float[] dOut, float[] w, int batch, ConvGeometry g, int channels, int outputs, float[] dIn) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernelHeight() * g.kernelWidth() * channels;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      java.util.Arrays.fill(dIn, from * inSample, to * inSample, 0f);
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int base = ((b * oh + oy) * ow + ox) * outputs;
            for (int o = 0; o < outputs; o++) {
              float grad = dOut[base + o];
              if (grad == 0f) {
                continue;
              }
              int tap = 0;
              for (int ky = 0; ky < g.kernelHeight(); ky++) {
                int iy = oy * g.stride() + ky - g.padTop();
                for (int kx = 0; kx < g.kernelWidth(); kx++, tap++) {
                  int ix = ox * g.stride() + kx - g.padLeft();
                  if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                    axpy(grad, w, o * k + tap * channels, dIn, b * inSample + (iy * g.inWidth() + ix) * channels,
                        channels);
                  }
                }
              }
            }
          }
        }
      }
    });
  }

  /** y[yo .. yo+n) += a · x[xo .. xo+n). */
  private static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }
}
