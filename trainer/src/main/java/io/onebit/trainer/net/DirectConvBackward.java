package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.trainer.math.Gemm;
import io.onebit.trainer.math.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A convolution's backward straight from the input tensor (HWC) and the nonzero output gradients,
 * with no column matrix:
 *
 * <pre>
 *   ∂L/∂W[o][tap][c]     += g · in[b][iy][ix][c]      (the padding value where the tap is outside)
 *   ∂L/∂in[b][iy][ix][c] += Σ_o g_o · W[o][tap][c]    over the nonzero g = ∂L/∂z[b][oy][ox][o]
 * </pre>
 *
 * with (iy, ix) = (oy·s + ky − pad_top, ox·s + kx − pad_left). In BinaryNet training most output
 * gradients are zero: a 2×2 max-pool passes one position in four and the hard-tanh cancel of the
 * next sign drops part of the rest, so the work follows the nonzeros instead of rows × filters, and
 * the 9×-inflated column matrix is neither written nor read.
 *
 * <p>A convolution with padding first copies its input into a padded tensor (the padding value
 * around it) and sums its input gradient into one, so that no tap needs a bounds test: a window is
 * a base offset, a tap a constant offset from it.
 *
 * <p>Bit for bit the result of its reference twin, im2col + {@link Gemm} + col2im
 * ({@link Conv2d#backwardByColumns}): every sum runs in the same order (rows ascending for ∂W,
 * filters ascending then taps for ∂in), a zero gradient's terms are skipped where the GEMM adds
 * zero products (which changes no sum: none of them is −0), and each term is fused (one rounding)
 * exactly where the GEMM's vector tiles fuse it, {@link Gemm#fusedRows} × {@link Gemm#fusedColumns},
 * unfused elsewhere. The weight gradient runs over filters on the cores, the input gradient over
 * samples, so neither depends on the thread count.
 */
final class DirectConvBackward {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  /** Channels per group of four vector registers. */
  private static final int GROUP = 4 * LANES;

  /**
   * Above this share of nonzero output gradients im2col + GEMM is as fast (its register tiles reuse
   * every load several times). Measured with LayerBenchmark on cnn-s's second and third
   * convolutions: the direct path is faster down to 30 % zeros and on par at none.
   */
  static final double MAX_DENSITY = 0.75;

  private final ConvGeometry g;
  private final int channels;
  private final int outputs;
  private final int k;
  private final float padValue;
  /** Whether windows reach outside the input, so the input is read from a padded copy. */
  private final boolean padded;
  /** Rows and columns of the tensor the windows index: the padded copy, or the input itself. */
  private final int rows;
  private final int cols;
  /** Each core's lists of nonzero gradients and its column scratch, sized once: no allocation per batch. */
  private final ThreadLocal<Scratch> scratch;
  private float[] paddedIn = new float[0];
  private float[] paddedGradient = new float[0];

  DirectConvBackward(ConvGeometry g, int channels, int outputs, float padValue) {
    this.g = g;
    this.channels = channels;
    this.outputs = outputs;
    this.k = g.kernelHeight() * g.kernelWidth() * channels;
    this.padValue = padValue;
    this.padded = Im2col.padded(g);
    this.rows = padded ? Im2col.paddedHeight(g) : g.inHeight();
    this.cols = padded ? Im2col.paddedWidth(g) : g.inWidth();
    int pixels = g.outHeight() * g.outWidth();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(outputs, pixels, k));
  }

  /** One core's working lists: per filter up to OH·OW (pixel, gradient) entries; one column. */
  private static final class Scratch {
    final int[] count;
    final int[] at;
    final float[] grads;
    final int[] filters;
    final float[] column;
    /** Per pooled window of one pooled row and position in it, the filters whose maximum is there. */
    int[] windowFilters = new int[0];
    float[] windowGrads = new float[0];
    int[] windowCount = new int[0];
    private int[] rowCount = new int[0];

    /** Per filter and row of a pooled window, the entries of the pooled row being listed. */
    int[] rowCount(int size) {
      if (rowCount.length < size) {
        rowCount = new int[size];
      }
      return rowCount;
    }

    Scratch(int outputs, int pixels, int k) {
      count = new int[outputs];
      at = new int[outputs * pixels];
      grads = new float[Math.max(outputs * pixels, outputs)];
      filters = new int[outputs];
      column = new float[k];
    }
  }

  /** Share of nonzero values among the first n of {@code v}. */
  static double density(float[] v, int n) {
    int nonzero = 0;
    int i = 0;
    FloatVector zero = FloatVector.zero(SPECIES);
    for (; i + LANES <= n; i += LANES) {
      nonzero += FloatVector.fromArray(SPECIES, v, i).compare(VectorOperators.NE, zero).trueCount();
    }
    for (; i < n; i++) {
      if (v[i] != 0f) {
        nonzero++;
      }
    }
    return n == 0 ? 0 : nonzero / (double) n;
  }

  /** Floats per sample of the tensor the windows index. */
  private int sampleSize() {
    return rows * cols * channels;
  }

  /** Offset in a sample of output pixel (oy, ox)'s window, tap (0, 0). */
  private int window(int oy, int ox) {
    return (oy * g.stride() * cols + ox * g.stride()) * channels;
  }

  /** Offset of tap (ky, kx) from its window's. */
  private int tapOffset(int tap) {
    int ky = tap / g.kernelWidth();
    return (ky * cols + tap - ky * g.kernelWidth()) * channels;
  }

  /** The input as the windows index it: a copy inside the padding value when padded. */
  private float[] windowed(float[] in, int batch) {
    if (!padded) {
      return in;
    }
    int size = batch * sampleSize();
    if (paddedIn.length < size) {
      paddedIn = new float[size];
    }
    float[] out = paddedIn;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        Im2col.padSample(in, b * inSample, g, channels, padValue, out, b * sampleSize());
      }
    });
    return out;
  }

  /**
   * Accumulates ∂L/∂W into {@code dW} (outputs × K, [o][ky][kx][c]) from {@code dz} (batch·OH·OW ×
   * outputs) and the layer's input {@code in} (batch × H·W·C floats). Per sample, the nonzero
   * gradients of each of this core's filters are listed in one pass over dz; then each tap's
   * channels are summed over a filter's list in registers (32 channels per four registers, two
   * groups at a time), while the sample's input stays in cache.
   */
  void weightGradient(float[] dz, float[] in, int batch, float[] dW) {
    int pixels = g.outHeight() * g.outWidth();
    int ow = g.outWidth();
    float[] x = windowed(in, batch);
    Parallel.range(outputs, 1, (from, to) -> {
      Scratch lists = scratch.get();
      int[] count = lists.count;
      int[] at = lists.at;
      float[] grads = lists.grads;
      for (int b = 0; b < batch; b++) {
        java.util.Arrays.fill(count, 0);
        for (int p = 0; p < pixels; p++) {
          int oy = p / ow;
          int corner = b * sampleSize() + window(oy, p - oy * ow);
          int z = (b * pixels + p) * outputs;
          for (int o = from; o < to; o++) {
            float v = dz[z + o];
            if (v != 0f) {
              int list = o - from;
              int e = list * pixels + count[list]++;
              at[e] = corner;
              grads[e] = v;
            }
          }
        }
        filterGradients(lists, from, to, pixels, x, dW);
      }
    });
  }

  /**
   * {@link #weightGradient} when ∂L/∂z comes from a max-pool whose windows do not overlap:
   * ∂L/∂z[r][o] = ∂L/∂y[p][o] where r is window p's maximum for filter o ({@link MaxPool2d#positions}),
   * 0 elsewhere. The lists are built from the pooled gradient (a quarter of the values of ∂L/∂z
   * behind a 2 × 2 pool) without a branch, in the order the scan of ∂L/∂z lists them (rows
   * ascending; in each, the windows of its pooled row left to right), so every sum is the same:
   * the bits of the pool's backward then {@link #weightGradient}, without the scattered tensor.
   */
  void weightGradientThroughPool(float[] dPool, float[] positions, ConvGeometry pool, float[] in, int batch,
      float[] dW) {
    int pixels = g.outHeight() * g.outWidth();
    int ph = pool.outHeight();
    int pw = pool.outWidth();
    int ps = pool.stride();
    int kh = pool.kernelHeight();
    int kw = pool.kernelWidth();
    WindowPositions table = windowPositions(pool);
    int[] rowOf = table.row();
    int[] runStart = table.runStart();
    int[] offset = table.offset();
    float[] x = windowed(in, batch);
    Parallel.range(outputs, 1, (from, to) -> {
      Scratch lists = scratch.get();
      int[] count = lists.count;
      int[] rowCount = lists.rowCount(outputs * kh);
      int[] at = lists.at;
      float[] grads = lists.grads;
      for (int b = 0; b < batch; b++) {
        java.util.Arrays.fill(count, 0);
        for (int wy = 0; wy < ph; wy++) {
          // One pass over the pooled row: filter o's entry of pixel row wy·ps + dy goes to the
          // dy-th run of pw slots after the list's end; the runs are then closed up in order.
          java.util.Arrays.fill(rowCount, 0, (to - from) * kh, 0);
          for (int wx = 0; wx < pw; wx++) {
            int p = ((b * ph + wy) * pw + wx) * outputs;
            int corner = b * sampleSize() + window(wy * ps, wx * ps);
            for (int o = from; o < to; o++) {
              float v = dPool[p + o];
              int position = (int) positions[p + o];
              int list = o - from;
              int run = list * kh + rowOf[position];
              int e = list * pixels + count[list] + runStart[position] + rowCount[run];
              at[e] = corner + offset[position];
              grads[e] = v;
              rowCount[run] += v != 0f ? 1 : 0;
            }
          }
          for (int list = 0; list < to - from; list++) {
            int end = list * pixels + count[list] + rowCount[list * kh];
            for (int dy = 1; dy < kh; dy++) {
              int start = list * pixels + count[list] + dy * pw;
              int n = rowCount[list * kh + dy];
              for (int i = 0; i < n; i++) {
                at[end + i] = at[start + i];
                grads[end + i] = grads[start + i];
              }
              end += n;
            }
            count[list] = end - list * pixels;
          }
        }
        filterGradients(lists, from, to, pixels, x, dW);
      }
    });
  }

  /**
   * Per position py·KW + px of a pool window: its row py, the first slot py·PW of that row's run in
   * a pooled row's lists, and its input offset from the window's corner (py·stride·W + px·stride)·C.
   */
  private record WindowPositions(ConvGeometry pool, int[] row, int[] runStart, int[] offset) {}

  private WindowPositions positionTable;

  /** The {@link WindowPositions} of {@code pool}, built once per pool geometry (not per batch). */
  private WindowPositions windowPositions(ConvGeometry pool) {
    if (positionTable == null || !positionTable.pool().equals(pool)) {
      int kh = pool.kernelHeight();
      int kw = pool.kernelWidth();
      int[] row = new int[kh * kw];
      int[] runStart = new int[kh * kw];
      int[] offset = new int[kh * kw];
      for (int position = 0; position < kh * kw; position++) {
        int py = position / kw;
        row[position] = py;
        runStart[position] = py * pool.outWidth();
        offset[position] = (py * cols + position - py * kw) * g.stride() * channels;
      }
      positionTable = new WindowPositions(pool, row, runStart, offset);
    }
    return positionTable;
  }

  /**
   * {@link #inputGradient} when ∂L/∂z comes from a max-pool whose windows do not overlap (as
   * {@link #weightGradientThroughPool}): per pooled row, each window's filters are listed by the
   * position of their maximum in one branch-free pass over the pooled gradient; then the pixels
   * are visited in order (rows ascending, each left to right), as the scan of ∂L/∂z visits them,
   * so each pixel's filters and every sum are the same.
   */
  void inputGradientThroughPool(float[] dPool, float[] positions, ConvGeometry pool, float[] w, int batch,
      float[] dIn) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int fusedK = Gemm.fusedColumns(k);
    int fusedR = Gemm.fusedRows(batch * oh * ow);
    boolean rowsFused = rowsOfVectors(fusedK);
    int ph = pool.outHeight();
    int pw = pool.outWidth();
    int ps = pool.stride();
    int kh = pool.kernelHeight();
    int kw = pool.kernelWidth();
    int slots = pw * kh * kw;
    if (padded && paddedGradient.length < batch * sampleSize()) {
      paddedGradient = new float[batch * sampleSize()];
    }
    float[] target = padded ? paddedGradient : dIn;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      Scratch lists = scratch.get();
      if (lists.windowCount.length < slots) {
        lists.windowCount = new int[slots];
        lists.windowFilters = new int[slots * outputs];
        lists.windowGrads = new float[slots * outputs];
      }
      int[] count = lists.windowCount;
      int[] slotFilters = lists.windowFilters;
      float[] slotGrads = lists.windowGrads;
      float[] dCol = lists.column;
      int[] filters = lists.filters;
      float[] grads = lists.grads;
      java.util.Arrays.fill(target, from * sampleSize(), to * sampleSize(), 0f);
      for (int b = from; b < to; b++) {
        for (int wy = 0; wy < ph; wy++) {
          java.util.Arrays.fill(count, 0, slots, 0);
          for (int wx = 0; wx < pw; wx++) {
            int p = ((b * ph + wy) * pw + wx) * outputs;
            for (int o = 0; o < outputs; o++) {
              float v = dPool[p + o];
              int slot = wx * kh * kw + (int) positions[p + o];
              int e = slot * outputs + count[slot];
              slotFilters[e] = o;
              slotGrads[e] = v;
              count[slot] += v != 0f ? 1 : 0;
            }
          }
          for (int dy = 0; dy < kh; dy++) {
            int y = wy * ps + dy;
            for (int wx = 0; wx < pw; wx++) {
              for (int dx = 0; dx < kw; dx++) {
                int slot = wx * kh * kw + dy * kw + dx;
                int n = count[slot];
                if (n == 0) {
                  continue;
                }
                int ox = wx * ps + dx;
                int r = (b * oh + y) * ow + ox;
                int corner = b * sampleSize() + window(y, ox);
                if (r < fusedR && rowsFused) {
                  addColumnGradient(slotFilters, slotGrads, slot * outputs, n, w, target, corner);
                  continue;
                }
                System.arraycopy(slotFilters, slot * outputs, filters, 0, n);
                System.arraycopy(slotGrads, slot * outputs, grads, 0, n);
                columnGradient(filters, grads, n, w, dCol, r < fusedR ? fusedK : 0);
                scatterColumn(dCol, target, corner);
              }
            }
          }
        }
      }
      if (padded) {
        copyInside(target, dIn, from, to, inSample);
      }
    });
  }

  /** {@link #filterGradient} of each filter in [from, to) over its list in {@code lists} (OH·OW entries apart). */
  private void filterGradients(Scratch lists, int from, int to, int pixels, float[] x, float[] dW) {
    int fusedK = Gemm.fusedColumns(k);
    int fusedO = Gemm.fusedRows(outputs);
    for (int o = from; o < to; o++) {
      int list = o - from;
      if (lists.count[list] > 0) {
        filterGradient(lists.at, lists.grads, list * pixels, lists.count[list], x, dW, o * k,
            o < fusedO ? fusedK : 0);
      }
    }
  }

  /**
   * dW[w0 + tap·C + c] (+)= Σ_e grads[e] · x[at[e] + tapOffset(tap) + c] over e in [e0, e0 + n),
   * in order: fused below {@code fusedK}, a product then a sum above.
   */
  private void filterGradient(int[] at, float[] grads, int e0, int n, float[] x, float[] dW, int w0, int fusedK) {
    int taps = g.kernelHeight() * g.kernelWidth();
    if (channels % GROUP == 0 && k <= fusedK) {
      int perTap = channels / GROUP;
      int groups = taps * perTap;
      int group = 0;
      for (; group + 1 < groups; group += 2) {
        tapGradient8(at, grads, e0, n, x, groupOffset(group, perTap), groupOffset(group + 1, perTap), dW,
            w0 + group * GROUP, w0 + (group + 1) * GROUP);
      }
      if (group < groups) {
        tapGradient4(at, grads, e0, n, x, groupOffset(group, perTap), dW, w0 + group * GROUP);
      }
      return;
    }
    for (int tap = 0; tap < taps; tap++) {
      int offset = tapOffset(tap);
      int col0 = tap * channels;
      int c = 0;
      if (channels % LANES == 0 && col0 + channels <= fusedK) {
        for (; c < channels; c += LANES) {
          tapGradient1(at, grads, e0, n, x, offset + c, dW, w0 + col0 + c);
        }
      }
      for (; c < channels; c++) {
        boolean fused = col0 + c < fusedK;
        float acc = dW[w0 + col0 + c];
        for (int e = e0; e < e0 + n; e++) {
          float v = x[at[e] + offset + c];
          acc = fused ? Math.fma(v, grads[e], acc) : acc + grads[e] * v;
        }
        dW[w0 + col0 + c] = acc;
      }
    }
  }

  /** Offset from a window of channel group {@code group} (32 channels; {@code perTap} groups per tap). */
  private int groupOffset(int group, int perTap) {
    int tap = group / perTap;
    return tapOffset(tap) + (group - tap * perTap) * GROUP;
  }

  /** {@link #filterGradient} for one group of 32 channels at {@code offset}, fused, in four registers. */
  private static void tapGradient4(int[] at, float[] grads, int e0, int n, float[] x, int offset, float[] dW, int d) {
    FloatVector a0 = FloatVector.fromArray(SPECIES, dW, d);
    FloatVector a1 = FloatVector.fromArray(SPECIES, dW, d + LANES);
    FloatVector a2 = FloatVector.fromArray(SPECIES, dW, d + 2 * LANES);
    FloatVector a3 = FloatVector.fromArray(SPECIES, dW, d + 3 * LANES);
    for (int e = e0; e < e0 + n; e++) {
      FloatVector grad = FloatVector.broadcast(SPECIES, grads[e]);
      int i = at[e] + offset;
      a0 = FloatVector.fromArray(SPECIES, x, i).fma(grad, a0);
      a1 = FloatVector.fromArray(SPECIES, x, i + LANES).fma(grad, a1);
      a2 = FloatVector.fromArray(SPECIES, x, i + 2 * LANES).fma(grad, a2);
      a3 = FloatVector.fromArray(SPECIES, x, i + 3 * LANES).fma(grad, a3);
    }
    a0.intoArray(dW, d);
    a1.intoArray(dW, d + LANES);
    a2.intoArray(dW, d + 2 * LANES);
    a3.intoArray(dW, d + 3 * LANES);
  }

  /** Two {@link #tapGradient4} groups over one pass of the list: eight registers hide the FMA latency. */
  private static void tapGradient8(int[] at, float[] grads, int e0, int n, float[] x, int offset0, int offset1,
      float[] dW, int d, int f) {
    FloatVector a0 = FloatVector.fromArray(SPECIES, dW, d);
    FloatVector a1 = FloatVector.fromArray(SPECIES, dW, d + LANES);
    FloatVector a2 = FloatVector.fromArray(SPECIES, dW, d + 2 * LANES);
    FloatVector a3 = FloatVector.fromArray(SPECIES, dW, d + 3 * LANES);
    FloatVector b0 = FloatVector.fromArray(SPECIES, dW, f);
    FloatVector b1 = FloatVector.fromArray(SPECIES, dW, f + LANES);
    FloatVector b2 = FloatVector.fromArray(SPECIES, dW, f + 2 * LANES);
    FloatVector b3 = FloatVector.fromArray(SPECIES, dW, f + 3 * LANES);
    for (int e = e0; e < e0 + n; e++) {
      FloatVector grad = FloatVector.broadcast(SPECIES, grads[e]);
      int i = at[e] + offset0;
      a0 = FloatVector.fromArray(SPECIES, x, i).fma(grad, a0);
      a1 = FloatVector.fromArray(SPECIES, x, i + LANES).fma(grad, a1);
      a2 = FloatVector.fromArray(SPECIES, x, i + 2 * LANES).fma(grad, a2);
      a3 = FloatVector.fromArray(SPECIES, x, i + 3 * LANES).fma(grad, a3);
      int j = at[e] + offset1;
      b0 = FloatVector.fromArray(SPECIES, x, j).fma(grad, b0);
      b1 = FloatVector.fromArray(SPECIES, x, j + LANES).fma(grad, b1);
      b2 = FloatVector.fromArray(SPECIES, x, j + 2 * LANES).fma(grad, b2);
      b3 = FloatVector.fromArray(SPECIES, x, j + 3 * LANES).fma(grad, b3);
    }
    a0.intoArray(dW, d);
    a1.intoArray(dW, d + LANES);
    a2.intoArray(dW, d + 2 * LANES);
    a3.intoArray(dW, d + 3 * LANES);
    b0.intoArray(dW, f);
    b1.intoArray(dW, f + LANES);
    b2.intoArray(dW, f + 2 * LANES);
    b3.intoArray(dW, f + 3 * LANES);
  }

  /** {@link #filterGradient} for 8 channels at {@code offset}, fused, in one register. */
  private static void tapGradient1(int[] at, float[] grads, int e0, int n, float[] x, int offset, float[] dW, int d) {
    FloatVector a = FloatVector.fromArray(SPECIES, dW, d);
    for (int e = e0; e < e0 + n; e++) {
      a = FloatVector.fromArray(SPECIES, x, at[e] + offset).fma(FloatVector.broadcast(SPECIES, grads[e]), a);
    }
    a.intoArray(dW, d);
  }

  /**
   * Overwrites {@code dIn} (batch × H·W·C) with ∂L/∂in from {@code dz} and the forward weights
   * {@code w} (outputs × K): per output pixel, the column gradient Σ_o g_o·w[o] over the nonzero
   * g (in registers, 64 columns at a time), then added onto the pixels its taps read (into the
   * padded tensor when padded, whose inside is then copied out).
   */
  void inputGradient(float[] dz, float[] w, int batch, float[] dIn) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int fusedK = Gemm.fusedColumns(k);
    int fusedR = Gemm.fusedRows(batch * oh * ow);
    boolean rowsFused = rowsOfVectors(fusedK);
    if (padded && paddedGradient.length < batch * sampleSize()) {
      paddedGradient = new float[batch * sampleSize()];
    }
    float[] target = padded ? paddedGradient : dIn;
    int inSample = g.inHeight() * g.inWidth() * channels;
    Parallel.range(batch, 1, (from, to) -> {
      Scratch lists = scratch.get();
      float[] dCol = lists.column;
      int[] filters = lists.filters;
      float[] grads = lists.grads;
      java.util.Arrays.fill(target, from * sampleSize(), to * sampleSize(), 0f);
      for (int b = from; b < to; b++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int r = (b * oh + oy) * ow + ox;
            int n = 0;
            for (int o = 0; o < outputs; o++) {
              float v = dz[r * outputs + o];
              if (v != 0f) {
                filters[n] = o;
                grads[n++] = v;
              }
            }
            if (n > 0 && r < fusedR && rowsFused) {
              addColumnGradient(filters, grads, 0, n, w, target, b * sampleSize() + window(oy, ox));
            } else if (n > 0) {
              columnGradient(filters, grads, n, w, dCol, r < fusedR ? fusedK : 0);
              scatterColumn(dCol, target, b * sampleSize() + window(oy, ox));
            }
          }
        }
      }
      if (padded) {
        copyInside(target, dIn, from, to, inSample);
      }
    });
  }

  /** dIn of samples [from, to) = the inside of the padded gradient (0 where no window reads). */
  private void copyInside(float[] padded, float[] dIn, int from, int to, int inSample) {
    java.util.Arrays.fill(dIn, from * inSample, to * inSample, 0f);
    int width = Math.min(g.inWidth(), cols - g.padLeft()) * channels;
    for (int b = from; b < to; b++) {
      for (int iy = 0; iy < g.inHeight() && iy + g.padTop() < rows; iy++) {
        System.arraycopy(padded, b * sampleSize() + ((iy + g.padTop()) * cols + g.padLeft()) * channels, dIn,
            b * inSample + iy * g.inWidth() * channels, width);
      }
    }
  }

  /** dCol[col] = Σ_e grads[e] · w[filters[e]][col], e ascending: fused below {@code fusedK}, unfused above. */
  private void columnGradient(int[] filters, float[] grads, int n, float[] w, float[] dCol, int fusedK) {
    int col = 0;
    for (; col + 8 * LANES <= fusedK; col += 8 * LANES) {
      columnGradient8(filters, grads, n, w, dCol, col);
    }
    for (; col + 4 * LANES <= fusedK; col += 4 * LANES) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int e = 0; e < n; e++) {
        int i = filters[e] * k + col;
        FloatVector grad = FloatVector.broadcast(SPECIES, grads[e]);
        a0 = FloatVector.fromArray(SPECIES, w, i).fma(grad, a0);
        a1 = FloatVector.fromArray(SPECIES, w, i + LANES).fma(grad, a1);
        a2 = FloatVector.fromArray(SPECIES, w, i + 2 * LANES).fma(grad, a2);
        a3 = FloatVector.fromArray(SPECIES, w, i + 3 * LANES).fma(grad, a3);
      }
      a0.intoArray(dCol, col);
      a1.intoArray(dCol, col + LANES);
      a2.intoArray(dCol, col + 2 * LANES);
      a3.intoArray(dCol, col + 3 * LANES);
    }
    for (; col + LANES <= fusedK; col += LANES) {
      FloatVector a = FloatVector.zero(SPECIES);
      for (int e = 0; e < n; e++) {
        a = FloatVector.fromArray(SPECIES, w, filters[e] * k + col).fma(FloatVector.broadcast(SPECIES, grads[e]), a);
      }
      a.intoArray(dCol, col);
    }
    for (; col < k; col++) {
      float acc = 0f;
      for (int e = 0; e < n; e++) {
        float x = w[filters[e] * k + col];
        acc = col < fusedK ? Math.fma(x, grads[e], acc) : acc + grads[e] * x;
      }
      dCol[col] = acc;
    }
  }

  /** {@link #columnGradient} for columns col .. col+64, in eight vector registers (the FMA latency hidden). */
  private void columnGradient8(int[] filters, float[] grads, int n, float[] w, float[] dCol, int col) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    for (int e = 0; e < n; e++) {
      int i = filters[e] * k + col;
      FloatVector grad = FloatVector.broadcast(SPECIES, grads[e]);
      a0 = FloatVector.fromArray(SPECIES, w, i).fma(grad, a0);
      a1 = FloatVector.fromArray(SPECIES, w, i + LANES).fma(grad, a1);
      a2 = FloatVector.fromArray(SPECIES, w, i + 2 * LANES).fma(grad, a2);
      a3 = FloatVector.fromArray(SPECIES, w, i + 3 * LANES).fma(grad, a3);
      a4 = FloatVector.fromArray(SPECIES, w, i + 4 * LANES).fma(grad, a4);
      a5 = FloatVector.fromArray(SPECIES, w, i + 5 * LANES).fma(grad, a5);
      a6 = FloatVector.fromArray(SPECIES, w, i + 6 * LANES).fma(grad, a6);
      a7 = FloatVector.fromArray(SPECIES, w, i + 7 * LANES).fma(grad, a7);
    }
    a0.intoArray(dCol, col);
    a1.intoArray(dCol, col + LANES);
    a2.intoArray(dCol, col + 2 * LANES);
    a3.intoArray(dCol, col + 3 * LANES);
    a4.intoArray(dCol, col + 4 * LANES);
    a5.intoArray(dCol, col + 5 * LANES);
    a6.intoArray(dCol, col + 6 * LANES);
    a7.intoArray(dCol, col + 7 * LANES);
  }

  /**
   * {@link #columnGradient} of a fully fused column then {@link #scatterColumn}, one kernel row at
   * a time without the column buffer: target[window + ky·W·C + i] += Σ_e grads[e]·w[f_e][ky·KW·C + i]
   * over e in [e0, e0 + n), each sum fused in list order from zero and then added, as the two
   * steps round it. Twelve registers per pass cover a 3-wide row of 32 channels. Only where
   * {@link #rowsOfVectors}: rows of whole groups of twelve vectors.
   */
  private void addColumnGradient(int[] filters, float[] grads, int e0, int n, float[] w, float[] target,
      int window) {
    int row = g.kernelWidth() * channels;
    for (int ky = 0; ky < g.kernelHeight(); ky++) {
      int col = ky * row;
      int end = col + row;
      int t = window + ky * cols * channels - col; // target index of column col
      for (; col < end; col += 12 * LANES) {
        rowGradient12(filters, grads, e0, n, w, col, target, t + col);
      }
    }
  }

  /**
   * Whether {@link #addColumnGradient} applies: every column fused, kernel rows of whole groups of
   * twelve vectors (elsewhere the column buffer's eight-register passes keep the FMA chains short:
   * seed-cnn's 10-wide rows of 8 channels in one register each ran 1.7 times slower).
   */
  private boolean rowsOfVectors(int fusedK) {
    return fusedK == k && g.kernelWidth() * channels % (12 * LANES) == 0;
  }

  /** 96 columns of {@link #addColumnGradient} from {@code col}, added into {@code target} at {@code t}. */
  private void rowGradient12(int[] filters, float[] grads, int e0, int n, float[] w, int col, float[] target, int t) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    FloatVector a8 = a0;
    FloatVector a9 = a0;
    FloatVector a10 = a0;
    FloatVector a11 = a0;
    for (int e = e0; e < e0 + n; e++) {
      int i = filters[e] * k + col;
      FloatVector grad = FloatVector.broadcast(SPECIES, grads[e]);
      a0 = FloatVector.fromArray(SPECIES, w, i).fma(grad, a0);
      a1 = FloatVector.fromArray(SPECIES, w, i + LANES).fma(grad, a1);
      a2 = FloatVector.fromArray(SPECIES, w, i + 2 * LANES).fma(grad, a2);
      a3 = FloatVector.fromArray(SPECIES, w, i + 3 * LANES).fma(grad, a3);
      a4 = FloatVector.fromArray(SPECIES, w, i + 4 * LANES).fma(grad, a4);
      a5 = FloatVector.fromArray(SPECIES, w, i + 5 * LANES).fma(grad, a5);
      a6 = FloatVector.fromArray(SPECIES, w, i + 6 * LANES).fma(grad, a6);
      a7 = FloatVector.fromArray(SPECIES, w, i + 7 * LANES).fma(grad, a7);
      a8 = FloatVector.fromArray(SPECIES, w, i + 8 * LANES).fma(grad, a8);
      a9 = FloatVector.fromArray(SPECIES, w, i + 9 * LANES).fma(grad, a9);
      a10 = FloatVector.fromArray(SPECIES, w, i + 10 * LANES).fma(grad, a10);
      a11 = FloatVector.fromArray(SPECIES, w, i + 11 * LANES).fma(grad, a11);
    }
    a0.add(FloatVector.fromArray(SPECIES, target, t)).intoArray(target, t);
    a1.add(FloatVector.fromArray(SPECIES, target, t + LANES)).intoArray(target, t + LANES);
    a2.add(FloatVector.fromArray(SPECIES, target, t + 2 * LANES)).intoArray(target, t + 2 * LANES);
    a3.add(FloatVector.fromArray(SPECIES, target, t + 3 * LANES)).intoArray(target, t + 3 * LANES);
    a4.add(FloatVector.fromArray(SPECIES, target, t + 4 * LANES)).intoArray(target, t + 4 * LANES);
    a5.add(FloatVector.fromArray(SPECIES, target, t + 5 * LANES)).intoArray(target, t + 5 * LANES);
    a6.add(FloatVector.fromArray(SPECIES, target, t + 6 * LANES)).intoArray(target, t + 6 * LANES);
    a7.add(FloatVector.fromArray(SPECIES, target, t + 7 * LANES)).intoArray(target, t + 7 * LANES);
    a8.add(FloatVector.fromArray(SPECIES, target, t + 8 * LANES)).intoArray(target, t + 8 * LANES);
    a9.add(FloatVector.fromArray(SPECIES, target, t + 9 * LANES)).intoArray(target, t + 9 * LANES);
    a10.add(FloatVector.fromArray(SPECIES, target, t + 10 * LANES)).intoArray(target, t + 10 * LANES);
    a11.add(FloatVector.fromArray(SPECIES, target, t + 11 * LANES)).intoArray(target, t + 11 * LANES);
  }

  /** target[window + tap offset + c] += dCol[tap][c] for every tap, one kernel row at a time: col2im's order. */
  private void scatterColumn(float[] dCol, float[] target, int window) {
    int row = g.kernelWidth() * channels;
    for (int ky = 0; ky < g.kernelHeight(); ky++) {
      add(dCol, ky * row, target, window + ky * cols * channels, row);
    }
  }

  /** y[y0 ..] += x[x0 ..], n values. */
  private static void add(float[] x, int x0, float[] y, int y0, int n) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      FloatVector.fromArray(SPECIES, x, x0 + i).add(FloatVector.fromArray(SPECIES, y, y0 + i)).intoArray(y, y0 + i);
    }
    for (; i < n; i++) {
      y[y0 + i] += x[x0 + i];
    }
  }
}
