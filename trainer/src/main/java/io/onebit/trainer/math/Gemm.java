package io.onebit.trainer.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one dense float kernel of training: C += L · R on flat row-major arrays, with L read
 * through arbitrary strides so that both backward products use it without a transpose:
 *
 * <pre>
 *   weight gradient  dW[j][i] += Σ_b dZ[b][j] · A[b][i]   (L = dZᵀ: strideM = 1, strideK = out)
 *   input gradient   dA[b][i] += Σ_j dZ[b][j] · W[j][i]   (L = dZ:  strideM = out, strideK = 1)
 * </pre>
 *
 * The forward product of a binary layer needs no floats (XOR + popcount), so this is where the
 * training time goes. A 4×16 register tile (8 vector accumulators of 8 floats) keeps the loads
 * per multiply-add low; the Vector API makes the FMA width explicit instead of hoping for
 * auto-vectorisation (measured ~5× faster than the plain loop on AVX2). Rows are split over
 * cores; each output element is summed by one thread in a fixed order, so results are
 * deterministic.
 */
public final class Gemm {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  private static final int TILE_M = 4;
  private static final int TILE_N = 2 * LANES;
  private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
  /** R of at most this many floats (64 KiB) is read in place; larger ones are packed per column tile. */
  private static final long SMALL_R = 16 * 1024;

  private Gemm() {}

  /**
   * C[m][n] += Σ_k L(m, k) · R[k][n] for m < M, n < N, k < K, where L(m, k) = l[lOffset + m·lStrideM
   * + k·lStrideK], R[k][n] = r[k·N + n] and C[m][n] = c[m·N + n].
   */
  public static void multiplyAdd(float[] c, float[] l, int lStrideM, int lStrideK, float[] r, int m, int k, int n) {
    multiplyAdd(c, l, 0, lStrideM, lStrideK, r, 0, m, k, n);
  }

  /**
   * As above with L read from {@code lOffset} and R from {@code rOffset}: a slice of the K range,
   * so a caller can block a long K (a weight gradient summed over many positions) into pieces
   * whose operands stay in cache.
   */
  public static void multiplyAdd(float[] c, float[] l, int lOffset, int lStrideM, int lStrideK, float[] r, int rOffset,
      int m, int k, int n) {
    Parallel.range(m, TILE_M, (from, to) -> rows(c, l, lOffset, lStrideM, lStrideK, r, rOffset, from, to, k, n));
  }

  private static void rows(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, int from, int to, int k,
      int n) {
    if (n < TILE_N && sm == 1) {
      narrowRows(c, l, lo, sk, r, ro, from, to, k, n);
      return;
    }
    int nTiles = n - n % TILE_N;
    int tileEnd = from + (to - from) / TILE_M * TILE_M;
    if (nTiles > 0 && tileEnd > from) {
      if ((long) k * n > SMALL_R) {
        // R does not stay in cache (a weight gradient over a batch, a convolution's windows):
        // GotoBLAS-style packing copies the k × 16 slab of R that every row tile of a column tile
        // reads into a contiguous panel, which then stays in L1 while the rows stream by.
        float[] panel = panel(k * TILE_N);
        for (int col = 0; col < nTiles; col += TILE_N) {
          for (int kk = 0; kk < k; kk++) {
            System.arraycopy(r, ro + kk * n + col, panel, kk * TILE_N, TILE_N);
          }
          for (int row = from; row < tileEnd; row += TILE_M) {
            tile4x16(c, n, l, lo, sm, sk, panel, 0, TILE_N, row, col, k);
          }
        }
      } else {
        // R stays in cache (a convolution's input gradient: the filters): rows outer, so each
        // row tile's L and C are touched once, in memory order.
        for (int row = from; row < tileEnd; row += TILE_M) {
          for (int col = 0; col < nTiles; col += TILE_N) {
            tile4x16(c, n, l, lo, sm, sk, r, ro + col, n, row, col, k);
          }
        }
      }
    }
    for (int row = from; row < tileEnd; row++) {
      scalarRow(c, l, lo, sm, sk, r, ro, row, nTiles, n, k);
    }
    for (int row = tileEnd; row < to; row++) {
      scalarRow(c, l, lo, sm, sk, r, ro, row, 0, n, k);
    }
  }

  /** This thread's packing panel, grown to at least {@code size} floats. */
  private static float[] panel(int size) {
    float[] p = PANEL.get();
    if (p.length < size) {
      p = new float[size];
      PANEL.set(p);
    }
    return p;
  }

  /**
   * C[row .. row+4)[col .. col+16) += Σ_kk L(row.., kk) · R[kk][0 .. 16), R's row kk at
   * {@code r[rBase + kk·rn]} (the packed panel or R itself): eight vector accumulators, two R loads
   * and four broadcasts per kk, summed in kk order.
   */
  private static void tile4x16(float[] c, int n, float[] l, int lo, int sm, int sk, float[] panel, int rBase, int rn,
      int row, int col, int k) {
    int c0 = row * n + col;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    FloatVector a00 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector a01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
    FloatVector a10 = FloatVector.fromArray(SPECIES, c, c1);
    FloatVector a11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
    FloatVector a20 = FloatVector.fromArray(SPECIES, c, c2);
    FloatVector a21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
    FloatVector a30 = FloatVector.fromArray(SPECIES, c, c3);
    FloatVector a31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
    int l0 = lo + row * sm;
    for (int kk = 0; kk < k; kk++) {
      int rOff = rBase + kk * rn;
      FloatVector r0 = FloatVector.fromArray(SPECIES, panel, rOff);
      FloatVector r1 = FloatVector.fromArray(SPECIES, panel, rOff + LANES);
      int li = l0 + kk * sk;
      FloatVector s0 = FloatVector.broadcast(SPECIES, l[li]);
      a00 = r0.fma(s0, a00);
      a01 = r1.fma(s0, a01);
      FloatVector s1 = FloatVector.broadcast(SPECIES, l[li + sm]);
      a10 = r0.fma(s1, a10);
      a11 = r1.fma(s1, a11);
      FloatVector s2 = FloatVector.broadcast(SPECIES, l[li + 2 * sm]);
      a20 = r0.fma(s2, a20);
      a21 = r1.fma(s2, a21);
      FloatVector s3 = FloatVector.broadcast(SPECIES, l[li + 3 * sm]);
      a30 = r0.fma(s3, a30);
      a31 = r1.fma(s3, a31);
    }
    a00.intoArray(c, c0);
    a01.intoArray(c, c0 + LANES);
    a10.intoArray(c, c1);
    a11.intoArray(c, c1 + LANES);
    a20.intoArray(c, c2);
    a21.intoArray(c, c2 + LANES);
    a30.intoArray(c, c3);
    a31.intoArray(c, c3 + LANES);
  }

  /**
   * A product narrower than a tile (n &lt; 16: the weight gradient of a first layer with K = 9) whose
   * L is contiguous along M: vectors run along M instead, eight rows of C at a time, each of their n
   * columns accumulated over k in order. Every term is a product, then a sum, as in
   * {@link #scalarRow}, so the result is the same to the bit (terms with a zero factor add ±0).
   */
  private static void narrowRows(float[] c, float[] l, int lo, int sk, float[] r, int ro, int from, int to, int k,
      int n) {
    float[] acc = new float[n * LANES];
    int row = from;
    for (; row + LANES <= to; row += LANES) {
      for (int col = 0; col < n; col++) {
        for (int lane = 0; lane < LANES; lane++) {
          acc[col * LANES + lane] = c[(row + lane) * n + col];
        }
      }
      for (int kk = 0; kk < k; kk++) {
        FloatVector v = FloatVector.fromArray(SPECIES, l, lo + row + kk * sk);
        int rr = ro + kk * n;
        for (int col = 0; col < n; col++) {
          int a = col * LANES;
          FloatVector.fromArray(SPECIES, acc, a).add(v.mul(r[rr + col])).intoArray(acc, a);
        }
      }
      for (int col = 0; col < n; col++) {
        for (int lane = 0; lane < LANES; lane++) {
          c[(row + lane) * n + col] = acc[col * LANES + lane];
        }
      }
    }
    for (; row < to; row++) {
      scalarRow(c, l, lo, 1, sk, r, ro, row, 0, n, k);
    }
  }

  /** Columns [fromCol, n) of one row, in plain Java (tails and small shapes). */
  private static void scalarRow(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, int row, int fromCol,
      int n, int k) {
    if (fromCol >= n) {
      return;
    }
    int cRow = row * n;
    int lRow = lo + row * sm;
    for (int kk = 0; kk < k; kk++) {
      float s = l[lRow + kk * sk];
      if (s == 0f) {
        continue;
      }
      int rRow = ro + kk * n;
      for (int col = fromCol; col < n; col++) {
        c[cRow + col] += s * r[rRow + col];
      }
    }
  }
}
