package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a network's first convolution straight from the gradient of the max-pool
 * after it, without the convolution's output gradient as a tensor:
 *
 * <pre>
 *   ∂L/∂W[o][k] (+)= Σ_r ∂L/∂z[r][o] · x[r][k],   ∂L/∂z[r][o] = ∂L/∂y[p][o] if r = argmax(p, o), else 0
 * </pre>
 *
 * (x[r][k] the tap k of window r, read from the input; windows do not overlap, so each z has at
 * most one pooled output). For cnn-s's first layer this replaces the pool's backward (zeroing and
 * scattering into a 10 MB tensor per batch), im2col and the GEMM over all 78,400 rows.
 *
 * <p>The bits of the two layers' own backwards for a narrow K (&lt; 16: a 3 × 3 window on one or
 * a few channels, where the GEMM fuses no product, {@link Gemm#fusedColumns}): eight filters per
 * vector, each sum over r ascending, a product rounded and then added, as the GEMM's narrow path
 * does. A window that is no filter's argmax adds zeros, which change no sum (starting at +0 a sum
 * never becomes −0), so it is skipped; the others add ∂L/∂y under the mask "the maximum is here". Split over
 * groups of eight filters, so no sum depends on the thread count.
 */
final class PooledWeightGradient {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final int LANES = FLOATS.length();
  /**
   * Taps summed per pass over the windows: a whole 3 × 3 window, nine accumulators (with the
   * gradient and a product, 11 of the 16 registers). Three taps per pass re-read the pooled
   * gradient and its positions three times and left each pass waiting on its three add chains:
   * 2.2 against 0.85 ms per batch for cnn-s's first layer (side by side). No branch in the loop:
   * with conditional accumulators it grew past what the JIT inlines, and its adds ran out of line.
   */
  private static final int TAPS_PER_PASS = 9;
  /** Each core's running sums between samples. */
  private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);

  private final ConvGeometry g;
  private final int channels;
  private final int outputs;
  private final int k;
  private final float padValue;
  private final boolean padded;
  private final int cols;
  private final int sampleFloats;
  /** Offset of tap k from its window's first input value (in the padded sample when padded). */
  private final int[] tap;
  private final int poolH;
  private final int poolW;
  private final int poolStride;
  private final int poolKh;
  private final int poolKw;
  /** Per covered pixel of the convolution's output, in order: its window's pooled output (× outputs), */
  private final int[] pooled;
  /** its position in that window (py·KW + px, as {@link MaxPool2d#positions} holds it), */
  private final float[] position;
  /** and its window's first input value (offset in the sample). */
  private final int[] corner;

  /** For {@code conv} followed by {@code pool}; see {@link #applies}. */
  PooledWeightGradient(Conv2d conv, MaxPool2d pool) {
    g = conv.geometry;
    channels = conv.inChannels;
    outputs = conv.outputs;
    k = conv.fanIn;
    padValue = conv.padValue;
    padded = Im2col.padded(g);
    cols = padded ? Im2col.paddedWidth(g) : g.inWidth();
    sampleFloats = (padded ? Im2col.paddedHeight(g) : g.inHeight()) * cols * channels;
    // Padded to whole passes: the extra taps read the window's first value into sums never stored.
    tap = new int[(k + TAPS_PER_PASS - 1) / TAPS_PER_PASS * TAPS_PER_PASS];
    for (int kk = 0; kk < k; kk++) {
      int kx = kk / channels % g.kernelWidth();
      int ky = kk / channels / g.kernelWidth();
      tap[kk] = (ky * cols + kx) * channels + kk % channels;
    }
    poolH = pool.geometry.outHeight();
    poolW = pool.geometry.outWidth();
    poolStride = pool.geometry.stride();
    poolKh = pool.geometry.kernelHeight();
    poolKw = pool.geometry.kernelWidth();
    // The pixels some window covers, rows ascending and each row left to right (the order of r);
    // rows and columns between windows (stride > window) or past the last one hold no maximum.
    int n = poolH * poolKh * poolW * poolKw;
    pooled = new int[n];
    position = new float[n];
    corner = new int[n];
    int i = 0;
    for (int wy = 0; wy < poolH; wy++) {
      for (int py = 0; py < poolKh; py++) {
        int y = wy * poolStride + py;
        for (int wx = 0; wx < poolW; wx++) {
          for (int px = 0; px < poolKw; px++, i++) {
            pooled[i] = (wy * poolW + wx) * outputs;
            position[i] = py * poolKw + px;
            corner[i] = (y * g.stride() * cols + (wx * poolStride + px) * g.stride()) * channels;
          }
        }
      }
    }
  }

  /**
   * Whether this path applies: filters in whole vectors, K narrow (no fused products), and the
   * pool's windows not overlapping (stride ≥ window).
   */
  static boolean applies(Conv2d conv, MaxPool2d pool) {
    ConvGeometry p = pool.geometry;
    return conv.outputs % LANES == 0 && Gemm.fusedColumns(conv.fanIn) == 0 && p.stride() >= p.kernelHeight()
        && p.stride() >= p.kernelWidth();
  }

  /**
   * Adds (or with {@code set} writes) ∂L/∂W (outputs × K) into {@code dW} from the convolution's
   * forward input {@code in} (batch × H·W·C floats), the pool's output gradient {@code dPool}
   * (batch × PH·PW × outputs) and its maxima's window positions ({@link MaxPool2d#positions}).
   */
  void compute(float[] in, int batch, float[] dPool, float[] positions, float[] dW, boolean set) {
    int passes = (k + TAPS_PER_PASS - 1) / TAPS_PER_PASS;
    Parallel.range(outputs / LANES, 1, (from, to) -> {
      // This core's running sums: per group of 8 filters and pass of 3 taps, 3 vectors.
      int size = (to - from) * passes * TAPS_PER_PASS * LANES;
      float[] sums = SUMS.get();
      if (sums.length < size) {
        sums = new float[size];
        SUMS.set(sums);
      }
      for (int group = from; group < to; group++) {
        for (int kk = 0; kk < passes * TAPS_PER_PASS; kk++) {
          for (int lane = 0; lane < LANES; lane++) {
            sums[((group - from) * passes * TAPS_PER_PASS + kk) * LANES + lane] =
                set || kk >= k ? 0f : dW[(group * LANES + lane) * k + kk];
          }
        }
      }
      int inSample = g.inHeight() * g.inWidth() * channels;
      float[] x = padded ? Im2col.sampleBuffer(sampleFloats) : in;
      for (int b = 0; b < batch; b++) {
        int base = b * inSample;
        if (padded) {
          Im2col.padSample(in, base, g, channels, padValue, x, 0);
          base = 0;
        }
        for (int group = from; group < to; group++) {
          for (int pass = 0; pass < passes; pass++) {
            sample(x, base, dPool, positions, (b * poolH * poolW) * outputs + group * LANES, pass * TAPS_PER_PASS,
                sums, ((group - from) * passes + pass) * TAPS_PER_PASS * LANES);
          }
        }
      }
      for (int group = from; group < to; group++) {
        for (int kk = 0; kk < k; kk++) {
          for (int lane = 0; lane < LANES; lane++) {
            dW[(group * LANES + lane) * k + kk] = sums[((group - from) * passes * TAPS_PER_PASS + kk) * LANES + lane];
          }
        }
      }
    });
  }

  /**
   * Continues the three running sums at {@code sums[s0]} over one sample's windows, whose input is
   * {@code x} from {@code base} and whose pooled outputs start at {@code p0} (plus the filter).
   * One call per sample keeps the loop in a method the JIT compiles whole: a loop over the batch
   * was compiled on-stack, where the sums carried in from the interpreter are of no known vector
   * class and every add ran out of line.
   */
  private void sample(float[] x, int base, float[] dPool, float[] positions, int p0, int k0, float[] sums, int s0) {
    FloatVector a0 = FloatVector.fromArray(FLOATS, sums, s0 + 0 * LANES);
    FloatVector a1 = FloatVector.fromArray(FLOATS, sums, s0 + 1 * LANES);
    FloatVector a2 = FloatVector.fromArray(FLOATS, sums, s0 + 2 * LANES);
    FloatVector a3 = FloatVector.fromArray(FLOATS, sums, s0 + 3 * LANES);
    FloatVector a4 = FloatVector.fromArray(FLOATS, sums, s0 + 4 * LANES);
    FloatVector a5 = FloatVector.fromArray(FLOATS, sums, s0 + 5 * LANES);
    FloatVector a6 = FloatVector.fromArray(FLOATS, sums, s0 + 6 * LANES);
    FloatVector a7 = FloatVector.fromArray(FLOATS, sums, s0 + 7 * LANES);
    FloatVector a8 = FloatVector.fromArray(FLOATS, sums, s0 + 8 * LANES);
    FloatVector zero = FloatVector.zero(FLOATS);
    int t0 = base + tap[k0 + 0];
    int t1 = base + tap[k0 + 1];
    int t2 = base + tap[k0 + 2];
    int t3 = base + tap[k0 + 3];
    int t4 = base + tap[k0 + 4];
    int t5 = base + tap[k0 + 5];
    int t6 = base + tap[k0 + 6];
    int t7 = base + tap[k0 + 7];
    int t8 = base + tap[k0 + 8];
    // One flat loop over the pixels in order (nested loops made the JIT box the running sums).
    for (int i = 0; i < pooled.length; i++) {
      int p = p0 + pooled[i];
      // ∂L/∂z of the filters whose maximum is this pixel, 0 for the others
      FloatVector grad = zero.blend(FloatVector.fromArray(FLOATS, dPool, p),
          FloatVector.fromArray(FLOATS, positions, p).compare(VectorOperators.EQ, position[i]));
      int corner = this.corner[i];
      a0 = a0.add(grad.mul(x[corner + t0]));
      a1 = a1.add(grad.mul(x[corner + t1]));
      a2 = a2.add(grad.mul(x[corner + t2]));
      a3 = a3.add(grad.mul(x[corner + t3]));
      a4 = a4.add(grad.mul(x[corner + t4]));
      a5 = a5.add(grad.mul(x[corner + t5]));
      a6 = a6.add(grad.mul(x[corner + t6]));
      a7 = a7.add(grad.mul(x[corner + t7]));
      a8 = a8.add(grad.mul(x[corner + t8]));
    }
    a0.intoArray(sums, s0 + 0 * LANES);
    a1.intoArray(sums, s0 + 1 * LANES);
    a2.intoArray(sums, s0 + 2 * LANES);
    a3.intoArray(sums, s0 + 3 * LANES);
    a4.intoArray(sums, s0 + 4 * LANES);
    a5.intoArray(sums, s0 + 5 * LANES);
    a6.intoArray(sums, s0 + 6 * LANES);
    a7.intoArray(sums, s0 + 7 * LANES);
    a8.intoArray(sums, s0 + 8 * LANES);
  }
}
