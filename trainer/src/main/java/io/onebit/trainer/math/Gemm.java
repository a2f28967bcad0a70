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
 * training time goes. A 6×16 register tile (12 vector accumulators of 8 floats; 4×16 where six
 * rows do not fit) keeps the loads per multiply-add low; the Vector API makes the FMA width
 * explicit instead of hoping for auto-vectorisation (measured ~5× faster than the plain loop on
 * AVX2). Rows are split over cores; each output element is summed by one thread in a fixed order,
 * so results are deterministic, and which products are fused depends on the shape only
 * ({@link #fusedRows}, {@link #fusedColumns}).
 */
public final class Gemm {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  /** Rows of the small register tile; fused rows are whole groups of it, the contract of {@link #fusedRows}. */
  private static final int TILE_M = 4;
  /** Rows of the main register tile (12 accumulators): row ranges are covered by 6-row tiles and 4-row ones. */
  private static final int TILE_M6 = 6;
  /** Rows per unit of work split over the cores: whole 6- and 4-row tiles in every chunk but the last. */
  private static final int CHUNK_ROWS = 12;
  private static final int TILE_N = 2 * LANES;
  private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> L_PANEL = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> LANE_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
  /** R of at most this many floats (64 KiB) stays in cache: C is split over the cores by rows whatever its shape. */
  private static final long SMALL_R = 16 * 1024;
  /** Rows of k per packed panel of R (16 wide): 256 · 16 floats = 16 KiB, half of L1. */
  private static final int PANEL_K = 256;
  /** Rows of k per block of a narrow product (L block ≤ 256 · M floats, R block 256 · n). */
  private static final int NARROW_BLOCK = 256;
  /** Floats of C (256 KiB) above which a thread's share of C is taken not to stay in L2. */
  private static final long C_IN_L2 = 64 * 1024;
  /** Floats of packed R (512 KiB, half of L2) up to which a whole k-block of R is packed at once. */
  private static final long R_IN_L2 = 128 * 1024;

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
    split(c, l, lOffset, lStrideM, lStrideK, r, rOffset, null, 0, m, k, n, true);
  }

  /**
   * C = L · R (C overwritten, never read): the same bits as zeroing C and {@link #multiplyAdd},
   * without the pass that zeroes C and the tiles' loads of it (a forward's output of 10 MB per
   * batch in cnn-s's first layer).
   */
  public static void multiply(float[] c, float[] l, int lStrideM, int lStrideK, float[] r, int m, int k, int n) {
    split(c, l, 0, lStrideM, lStrideK, r, 0, null, 0, m, k, n, false);
  }

  /**
   * C = L · S (overwritten) where S (K × N) is a ±1 matrix given as sign bits: S[k][n] = −1 when
   * bit n of row k is set ({@code signs[k·rowLongs + n/64]}, bit n % 64), +1 otherwise — a binary
   * layer's weights as {@link SignPacking} packs them. The same bits as {@link #multiply} with S
   * as floats, without a float copy of S: the panels are unpacked from the bits (N/8 bytes per row
   * instead of 4N), which for lfc's 1024 × 1024 layers spares writing and re-reading 4 MB of ±1
   * floats per layer and step.
   */
  public static void multiplySigns(float[] c, float[] l, int lStrideM, int lStrideK, long[] signs, int rowLongs, int m,
      int k, int n) {
    if (n < TILE_N) {
      // No register tiles: the scalar and narrow paths read floats.
      float[] r = new float[k * n];
      for (int kk = 0; kk < k; kk++) {
        SignPacking.unpack(signs, kk * rowLongs, 0, n, r, kk * n);
      }
      multiply(c, l, lStrideM, lStrideK, r, m, k, n);
      return;
    }
    split(c, l, 0, lStrideM, lStrideK, null, 0, signs, rowLongs, m, k, n, false);
  }

  /**
   * Splits C over the cores: by rows, or by 16-wide column tiles when R is the larger operand and
   * too big for cache (an input gradient dZ · W with a batch of 100 rows and a 1024 × 1024 W):
   * then each core reads only its half of R instead of all of it, and 100 rows do not split
   * unevenly into 12-row chunks (60 : 40). Every element is still summed by one thread over k in
   * order, with the same tiles: the bits do not depend on the split.
   */
  private static void split(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, long[] rb, int rbLongs,
      int m, int k, int n, boolean accumulate) {
    int tiles = fusedColumns(n) / TILE_N;
    boolean byColumns = (long) k * n > SMALL_R && n > m && tiles >= 2 * Parallel.threads();
    if (byColumns) {
      Parallel.range(tiles, 1, (from, to) -> block(c, l, lo, sm, sk, r, ro, rb, rbLongs, 0, m, from * TILE_N,
          to == tiles ? n : to * TILE_N, k, n, accumulate));
    } else {
      Parallel.range(m, CHUNK_ROWS,
          (from, to) -> block(c, l, lo, sm, sk, r, ro, rb, rbLongs, from, to, 0, n, k, n, accumulate));
    }
  }

  /**
   * Rows of C (of M) whose products a {@code multiplyAdd} fuses: the register tiles cover whole
   * groups of 4 rows, and only the last core's share of rows can end in a partial group, so this
   * does not depend on the thread count. A caller that must reproduce this product bit for bit
   * fuses (one rounding, {@link Math#fma}) exactly the products in these rows and
   * {@link #fusedColumns} columns, and rounds the product and then the sum elsewhere.
   */
  public static int fusedRows(int m) {
    return m - m % TILE_M;
  }

  /** Columns of C (of N) whose products a {@code multiplyAdd} fuses: whole 16-wide tiles, none below 16. */
  public static int fusedColumns(int n) {
    return n < TILE_N ? 0 : n - n % TILE_N;
  }

  /**
   * C[from .. to)[colFrom .. colTo) (+)= L · R; {@code colFrom} a multiple of 16, {@code colTo} one
   * or n. {@code accumulate} false: C's old values are not read. R is {@code r} from {@code ro}, or
   * when {@code rb} is not null the sign bits of {@link #multiplySigns} (then n &ge; 16).
   */
  private static void block(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, long[] rb, int rbLongs,
      int from, int to, int colFrom, int colTo, int k, int n, boolean accumulate) {
    int nTiles = fusedColumns(n);
    int tileEnd = from + (to - from) / TILE_M * TILE_M;
    int tileColEnd = Math.min(colTo, nTiles);
    // Columns the tiles do not cover in the tiles' rows (all columns in the rows below them).
    int scalarFrom = nTiles > 0 ? Math.max(colFrom, nTiles) : colFrom;
    if (!accumulate) {
      // Only the scalar parts (the tail rows and columns) and narrow products read C: zero them.
      for (int row = from; row < to; row++) {
        int start = row < tileEnd ? scalarFrom : colFrom;
        if (start < colTo) {
          java.util.Arrays.fill(c, row * n + start, row * n + colTo, 0f);
        }
      }
    }
    if (n < TILE_N && sm == 1) {
      narrowRows(c, l, lo, sk, r, ro, from, to, k, n);
      return;
    }
    if (tileColEnd > colFrom && tileEnd > from) {
      if ((long) k * n > SMALL_R || rb != null) {
        packedTiles(c, l, lo, sm, sk, r, ro, rb, rbLongs, from, tileEnd, colFrom, tileColEnd, k, n, accumulate);
      } else {
        // R stays in cache (a first convolution's filters): rows outer, each row tile's L and C
        // touched once, in memory order, read in place.
        for (int row = from, h; row < tileEnd; row += h) {
          h = tileHeight(tileEnd - row);
          for (int col = colFrom; col < tileColEnd; col += TILE_N) {
            stridedTile(h, c, n, l, lo + row * sm, sm, sk, r, ro + col, n, row, col, k, accumulate);
          }
        }
      }
    }
    for (int row = from; row < tileEnd; row++) {
      scalarRow(c, l, lo, sm, sk, r, ro, rb, rbLongs, row, scalarFrom, colTo, n, k);
    }
    for (int row = tileEnd; row < to; row++) {
      scalarRow(c, l, lo, sm, sk, r, ro, rb, rbLongs, row, colFrom, colTo, n, k);
    }
  }

  /**
   * The register tiles of rows [from, tileEnd) × columns [colFrom, colEnd). GotoBLAS-style
   * blocking: k in blocks of PANEL_K; per block L is packed with a tile's rows interleaved
   * ([row tile][kk][h]: the broadcasts of a step are adjacent), and R's 16-wide column panels are
   * packed so that a tile reads its R contiguously. Each C tile continues its
   * accumulation block after block, so every element still sums over k in order. Packed operands
   * let the tiles use constant strides, which the JIT turns into fixed offsets without per-access
   * range checks (measured 15 % faster per FMA than the same tile with strides as arguments).
   *
   * <p>Two loop orders. When this thread's C is larger than L2 (lfc's 1024 × 1024 weight
   * gradient) and the block's packed R fits in it, R is packed whole and the row tiles go outer:
   * C is then walked row band by row band, six contiguous streams, instead of down its columns
   * with a 4 KiB stride that the prefetchers do not follow (measured 10 % faster); and a first
   * convolution's 78,400 windows are read once, as they come, not packed whole first. Otherwise
   * one 16 KiB panel of R at a time stays in L1 while the row tiles stream by.
   */
  private static void packedTiles(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, long[] rb,
      int rbLongs, int from, int tileEnd, int colFrom, int colEnd, int k, int n, boolean accumulate) {
    int kBlock = Math.min(k, PANEL_K);
    int width = colEnd - colFrom;
    boolean rowsOuter = (long) (tileEnd - from) * width > C_IN_L2 && (long) kBlock * width <= R_IN_L2;
    float[] panel = panel(PANEL, kBlock * (rowsOuter ? width : TILE_N));
    // Rows outer: each row tile's L is packed just before its use (it stays in L1); columns
    // outer: this thread's whole block of L is packed once and re-read for every column tile.
    float[] lPacked = panel(L_PANEL, (rowsOuter ? TILE_M6 : tileEnd - from) * kBlock);
    for (int k0 = 0; k0 < k; k0 += PANEL_K) {
      int kb = Math.min(PANEL_K, k - k0);
      boolean acc = accumulate || k0 > 0;
      if (rowsOuter) {
        for (int col = colFrom; col < colEnd; col += TILE_N) {
          packPanel(r, ro, rb, rbLongs, k0, col, n, kb, panel, (col - colFrom) * kb);
        }
        for (int row = from, h; row < tileEnd; row += h) {
          h = tileHeight(tileEnd - row);
          packRows(l, lo + k0 * sk, sm, sk, row, row + h, kb, lPacked);
          for (int col = colFrom; col < colEnd; col += TILE_N) {
            tile(h, c, n, lPacked, 0, panel, (col - colFrom) * kb, row, col, kb, acc);
          }
        }
      } else {
        packRows(l, lo + k0 * sk, sm, sk, from, tileEnd, kb, lPacked);
        for (int col = colFrom; col < colEnd; col += TILE_N) {
          packPanel(r, ro, rb, rbLongs, k0, col, n, kb, panel, 0);
          for (int row = from, h; row < tileEnd; row += h) {
            h = tileHeight(tileEnd - row);
            tile(h, c, n, lPacked, (row - from) * kb, panel, 0, row, col, kb, acc);
          }
        }
      }
    }
  }

  /**
   * Copies R's rows [k0, k0 + kb) × columns [col, col + 16) to {@code panel[p]}, 16 per row: from
   * r (R[k][j] at r[ro + k·n + j]) or unpacked from the sign bits rb.
   */
  private static void packPanel(float[] r, int ro, long[] rb, int rbLongs, int k0, int col, int n, int kb,
      float[] panel, int p) {
    for (int kk = 0; kk < kb; kk++) {
      if (rb == null) {
        System.arraycopy(r, ro + (k0 + kk) * n + col, panel, p + kk * TILE_N, TILE_N);
      } else {
        SignPacking.unpack(rb, (k0 + kk) * rbLongs, col, TILE_N, panel, p + kk * TILE_N);
      }
    }
  }

  /** This thread's packing buffer {@code buffer}, grown to at least {@code size} floats. */
  private static float[] panel(ThreadLocal<float[]> buffer, int size) {
    float[] p = buffer.get();
    if (p.length < size) {
      p = new float[size];
      buffer.set(p);
    }
    return p;
  }

  /**
   * Packs L(row, k0 + kk) for rows [from, to) (a multiple of 4, cut into the tiles of
   * {@link #tileHeight}) and kk &lt; kb, L's offset of (0, k0) at {@code lo}, into {@code packed}: the
   * tile of h rows starting at row r at (r − from)·kb, its element (r + i, kk) at kk·h + i.
   */
  private static void packRows(float[] l, int lo, int sm, int sk, int from, int to, int kb, float[] packed) {
    for (int row = from, h; row < to; row += h) {
      h = tileHeight(to - row);
      int base = (row - from) * kb;
      int l0 = lo + row * sm;
      for (int kk = 0; kk < kb; kk++) {
        int li = l0 + kk * sk;
        int p = base + kk * h;
        for (int i = 0; i < h; i++) {
          packed[p + i] = l[li + i * sm];
        }
      }
    }
  }

  /** Rows of the next tile when {@code remaining} rows (a multiple of 4) are left: 6, or 4 so 6s cover the rest. */
  private static int tileHeight(int remaining) {
    return remaining % TILE_M6 == 0 ? TILE_M6 : TILE_M;
  }

  /**
   * The register tile of {@code h} (6 or 4) rows reading L and R in place, through strides: for
   * products whose R stays in cache, where packing L would cost as much as a short k's FMAs (a
   * first convolution's k = 9). {@link #stridedTile6x16} or {@link #stridedTile4x16}.
   */
  private static void stridedTile(int h, float[] c, int n, float[] l, int l0, int sm, int sk, float[] r, int rBase,
      int rn, int row, int col, int k, boolean accumulate) {
    if (h == TILE_M6) {
      stridedTile6x16(c, n, l, l0, sm, sk, r, rBase, rn, row, col, k, accumulate);
    } else {
      stridedTile4x16(c, n, l, l0, sm, sk, r, rBase, rn, row, col, k, accumulate);
    }
  }

  /** {@link #stridedTile4x16} for six rows: twelve accumulators, two R loads and six broadcasts per kk. */
  private static void stridedTile6x16(float[] c, int n, float[] l, int l0, int sm, int sk, float[] panel, int rBase,
      int rn, int row, int col, int k, boolean accumulate) {
    int c0 = row * n + col;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    FloatVector a40 = a00;
    FloatVector a41 = a00;
    FloatVector a50 = a00;
    FloatVector a51 = a00;
    if (accumulate) {
      a00 = FloatVector.fromArray(SPECIES, c, c0);
      a01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
      a10 = FloatVector.fromArray(SPECIES, c, c0 + n);
      a11 = FloatVector.fromArray(SPECIES, c, c0 + n + LANES);
      a20 = FloatVector.fromArray(SPECIES, c, c0 + 2 * n);
      a21 = FloatVector.fromArray(SPECIES, c, c0 + 2 * n + LANES);
      a30 = FloatVector.fromArray(SPECIES, c, c0 + 3 * n);
      a31 = FloatVector.fromArray(SPECIES, c, c0 + 3 * n + LANES);
      a40 = FloatVector.fromArray(SPECIES, c, c0 + 4 * n);
      a41 = FloatVector.fromArray(SPECIES, c, c0 + 4 * n + LANES);
      a50 = FloatVector.fromArray(SPECIES, c, c0 + 5 * n);
      a51 = FloatVector.fromArray(SPECIES, c, c0 + 5 * n + LANES);
    }
    for (int kk = 0; kk < k; kk++) {
      int rOff = rBase + kk * rn;
      FloatVector r0 = FloatVector.fromArray(SPECIES, panel, rOff);
      FloatVector r1 = FloatVector.fromArray(SPECIES, panel, rOff + LANES);
      int li = l0 + kk * sk;
      FloatVector s = FloatVector.broadcast(SPECIES, l[li]);
      a00 = r0.fma(s, a00);
      a01 = r1.fma(s, a01);
      s = FloatVector.broadcast(SPECIES, l[li + sm]);
      a10 = r0.fma(s, a10);
      a11 = r1.fma(s, a11);
      s = FloatVector.broadcast(SPECIES, l[li + 2 * sm]);
      a20 = r0.fma(s, a20);
      a21 = r1.fma(s, a21);
      s = FloatVector.broadcast(SPECIES, l[li + 3 * sm]);
      a30 = r0.fma(s, a30);
      a31 = r1.fma(s, a31);
      s = FloatVector.broadcast(SPECIES, l[li + 4 * sm]);
      a40 = r0.fma(s, a40);
      a41 = r1.fma(s, a41);
      s = FloatVector.broadcast(SPECIES, l[li + 5 * sm]);
      a50 = r0.fma(s, a50);
      a51 = r1.fma(s, a51);
    }
    a00.intoArray(c, c0);
    a01.intoArray(c, c0 + LANES);
    a10.intoArray(c, c0 + n);
    a11.intoArray(c, c0 + n + LANES);
    a20.intoArray(c, c0 + 2 * n);
    a21.intoArray(c, c0 + 2 * n + LANES);
    a30.intoArray(c, c0 + 3 * n);
    a31.intoArray(c, c0 + 3 * n + LANES);
    a40.intoArray(c, c0 + 4 * n);
    a41.intoArray(c, c0 + 4 * n + LANES);
    a50.intoArray(c, c0 + 5 * n);
    a51.intoArray(c, c0 + 5 * n + LANES);
  }


  /**
   * {@link #tile4x16} through strides: L(i, kk) = l[l0 + i·sm + kk·sk] for the tile's rows i &lt; 4,
   * R's row kk at {@code r[rBase + kk·rn]}; the same sums in the same order, so the same bits.
   */
  private static void stridedTile4x16(float[] c, int n, float[] l, int l0, int sm, int sk, float[] panel, int rBase,
      int rn, int row, int col, int k, boolean accumulate) {
    int c0 = row * n + col;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    if (accumulate) {
      a00 = FloatVector.fromArray(SPECIES, c, c0);
      a01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
      a10 = FloatVector.fromArray(SPECIES, c, c1);
      a11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
      a20 = FloatVector.fromArray(SPECIES, c, c2);
      a21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
      a30 = FloatVector.fromArray(SPECIES, c, c3);
      a31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
    }
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

  /** The register tile of {@code h} (6 or 4) rows from packed operands: {@link #tile6x16} or {@link #tile4x16}. */
  private static void tile(int h, float[] c, int n, float[] l, int l0, float[] panel, int r0, int row, int col, int k,
      boolean accumulate) {
    if (h == TILE_M6) {
      tile6x16(c, n, l, l0, panel, r0, row, col, k, accumulate);
    } else {
      tile4x16(c, n, l, l0, panel, r0, row, col, k, accumulate);
    }
  }

  /**
   * {@link #tile4x16} for six rows (L(i, kk) = l[l0 + 6·kk + i]): twelve accumulators, two R loads
   * and six broadcasts per kk, 15 of the 16 AVX2 registers (unrolling kk spills and runs at half
   * speed). Measured on one core in cache: 0.26 ns per 8-wide FMA, the FMA units' peak being
   * 0.16–0.18.
   */
  private static void tile6x16(float[] c, int n, float[] l, int l0, float[] panel, int r0, int row, int col, int k,
      boolean accumulate) {
    int c0 = row * n + col;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    FloatVector a40 = a00;
    FloatVector a41 = a00;
    FloatVector a50 = a00;
    FloatVector a51 = a00;
    if (accumulate) {
      a00 = FloatVector.fromArray(SPECIES, c, c0);
      a01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
      a10 = FloatVector.fromArray(SPECIES, c, c0 + n);
      a11 = FloatVector.fromArray(SPECIES, c, c0 + n + LANES);
      a20 = FloatVector.fromArray(SPECIES, c, c0 + 2 * n);
      a21 = FloatVector.fromArray(SPECIES, c, c0 + 2 * n + LANES);
      a30 = FloatVector.fromArray(SPECIES, c, c0 + 3 * n);
      a31 = FloatVector.fromArray(SPECIES, c, c0 + 3 * n + LANES);
      a40 = FloatVector.fromArray(SPECIES, c, c0 + 4 * n);
      a41 = FloatVector.fromArray(SPECIES, c, c0 + 4 * n + LANES);
      a50 = FloatVector.fromArray(SPECIES, c, c0 + 5 * n);
      a51 = FloatVector.fromArray(SPECIES, c, c0 + 5 * n + LANES);
    }
    for (int kk = 0; kk < k; kk++) {
      int rOff = r0 + kk * TILE_N;
      FloatVector v0 = FloatVector.fromArray(SPECIES, panel, rOff);
      FloatVector v1 = FloatVector.fromArray(SPECIES, panel, rOff + LANES);
      int li = l0 + kk * TILE_M6;
      FloatVector s = FloatVector.broadcast(SPECIES, l[li]);
      a00 = v0.fma(s, a00);
      a01 = v1.fma(s, a01);
      s = FloatVector.broadcast(SPECIES, l[li + 1]);
      a10 = v0.fma(s, a10);
      a11 = v1.fma(s, a11);
      s = FloatVector.broadcast(SPECIES, l[li + 2]);
      a20 = v0.fma(s, a20);
      a21 = v1.fma(s, a21);
      s = FloatVector.broadcast(SPECIES, l[li + 3]);
      a30 = v0.fma(s, a30);
      a31 = v1.fma(s, a31);
      s = FloatVector.broadcast(SPECIES, l[li + 4]);
      a40 = v0.fma(s, a40);
      a41 = v1.fma(s, a41);
      s = FloatVector.broadcast(SPECIES, l[li + 5]);
      a50 = v0.fma(s, a50);
      a51 = v1.fma(s, a51);
    }
    a00.intoArray(c, c0);
    a01.intoArray(c, c0 + LANES);
    a10.intoArray(c, c0 + n);
    a11.intoArray(c, c0 + n + LANES);
    a20.intoArray(c, c0 + 2 * n);
    a21.intoArray(c, c0 + 2 * n + LANES);
    a30.intoArray(c, c0 + 3 * n);
    a31.intoArray(c, c0 + 3 * n + LANES);
    a40.intoArray(c, c0 + 4 * n);
    a41.intoArray(c, c0 + 4 * n + LANES);
    a50.intoArray(c, c0 + 5 * n);
    a51.intoArray(c, c0 + 5 * n + LANES);
  }


  /**
   * C[row .. row+4)[col .. col+16) += Σ_kk L(i, kk) · R[kk][0 .. 16) over kk &lt; k, from packed
   * operands: L(i, kk) = l[l0 + 4·kk + i] (a tile of {@link #packRows}), R's row kk at
   * panel[r0 + 16·kk] (a panel of {@link #packPanel}); eight vector accumulators, two R loads and
   * four broadcasts per kk, summed in kk order. {@code accumulate} false: C is not read.
   */
  private static void tile4x16(float[] c, int n, float[] l, int l0, float[] panel, int r0, int row, int col, int k,
      boolean accumulate) {
    int c0 = row * n + col;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    if (accumulate) {
      a00 = FloatVector.fromArray(SPECIES, c, c0);
      a01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
      a10 = FloatVector.fromArray(SPECIES, c, c1);
      a11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
      a20 = FloatVector.fromArray(SPECIES, c, c2);
      a21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
      a30 = FloatVector.fromArray(SPECIES, c, c3);
      a31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
    }
    for (int kk = 0; kk < k; kk++) {
      int rOff = r0 + kk * TILE_N;
      FloatVector v0 = FloatVector.fromArray(SPECIES, panel, rOff);
      FloatVector v1 = FloatVector.fromArray(SPECIES, panel, rOff + LANES);
      int li = l0 + kk * TILE_M;
      FloatVector s0 = FloatVector.broadcast(SPECIES, l[li]);
      a00 = v0.fma(s0, a00);
      a01 = v1.fma(s0, a01);
      FloatVector s1 = FloatVector.broadcast(SPECIES, l[li + 1]);
      a10 = v0.fma(s1, a10);
      a11 = v1.fma(s1, a11);
      FloatVector s2 = FloatVector.broadcast(SPECIES, l[li + 2]);
      a20 = v0.fma(s2, a20);
      a21 = v1.fma(s2, a21);
      FloatVector s3 = FloatVector.broadcast(SPECIES, l[li + 3]);
      a30 = v0.fma(s3, a30);
      a31 = v1.fma(s3, a31);
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
   * L is contiguous along M: vectors run along M instead, eight rows of C by up to four columns
   * in registers at a time, each accumulated over k in order. Every term is a product, then a sum,
   * as in {@link #scalarRow}, so the result is the same to the bit (terms with a zero factor add ±0).
   */
  private static void narrowRows(float[] c, float[] l, int lo, int sk, float[] r, int ro, int from, int to, int k,
      int n) {
    float[] lanes = panel(LANE_BUFFER, LANES);
    int vectorEnd = from + (to - from) / LANES * LANES;
    // k in blocks, so that the block of L and R every (row, column) group re-reads stays in cache;
    // each element still sums over k in order, block after block.
    for (int k0 = 0; k0 < k; k0 += NARROW_BLOCK) {
      int k1 = Math.min(k, k0 + NARROW_BLOCK);
      for (int row = from; row < vectorEnd; row += LANES) {
        int col = 0;
        for (; col + 4 <= n; col += 4) {
          narrowColumns4(c, l, lo + row + k0 * sk, sk, r, ro + k0 * n + col, row, k1 - k0, n, col, lanes);
        }
        for (; col < n; col++) {
          FloatVector a = column(c, row, n, col, lanes);
          for (int kk = k0, li = lo + row + k0 * sk, ri = ro + k0 * n + col; kk < k1; kk++, li += sk, ri += n) {
            a = a.add(FloatVector.fromArray(SPECIES, l, li).mul(r[ri]));
          }
          storeColumn(a, c, row, n, col, lanes);
        }
      }
    }
    for (int row = vectorEnd; row < to; row++) {
      scalarRow(c, l, lo, 1, sk, r, ro, null, 0, row, 0, n, n, k);
    }
  }

  /** {@link #narrowRows} for columns col .. col+4 of rows row .. row+8, in four vector registers. */
  private static void narrowColumns4(float[] c, float[] l, int li, int sk, float[] r, int ri, int row, int k, int n,
      int col, float[] lanes) {
    FloatVector a0 = column(c, row, n, col, lanes);
    FloatVector a1 = column(c, row, n, col + 1, lanes);
    FloatVector a2 = column(c, row, n, col + 2, lanes);
    FloatVector a3 = column(c, row, n, col + 3, lanes);
    for (int kk = 0; kk < k; kk++, li += sk, ri += n) {
      FloatVector v = FloatVector.fromArray(SPECIES, l, li);
      a0 = a0.add(v.mul(r[ri]));
      a1 = a1.add(v.mul(r[ri + 1]));
      a2 = a2.add(v.mul(r[ri + 2]));
      a3 = a3.add(v.mul(r[ri + 3]));
    }
    storeColumn(a0, c, row, n, col, lanes);
    storeColumn(a1, c, row, n, col + 1, lanes);
    storeColumn(a2, c, row, n, col + 2, lanes);
    storeColumn(a3, c, row, n, col + 3, lanes);
  }

  /** C[row .. row+8)[col] as one vector (a strided column of C, through {@code lanes}). */
  private static FloatVector column(float[] c, int row, int n, int col, float[] lanes) {
    for (int lane = 0; lane < LANES; lane++) {
      lanes[lane] = c[(row + lane) * n + col];
    }
    return FloatVector.fromArray(SPECIES, lanes, 0);
  }

  /** Writes a vector back to C[row .. row+8)[col]. */
  private static void storeColumn(FloatVector v, float[] c, int row, int n, int col, float[] lanes) {
    v.intoArray(lanes, 0);
    for (int lane = 0; lane < LANES; lane++) {
      c[(row + lane) * n + col] = lanes[lane];
    }
  }

  /** Columns [fromCol, toCol) of one row of C (row stride n), in plain Java (tails and small shapes). */
  private static void scalarRow(float[] c, float[] l, int lo, int sm, int sk, float[] r, int ro, long[] rb, int rbLongs,
      int row, int fromCol, int toCol, int n, int k) {
    if (fromCol >= toCol) {
      return;
    }
    int cRow = row * n;
    int lRow = lo + row * sm;
    for (int kk = 0; kk < k; kk++) {
      float s = l[lRow + kk * sk];
      if (s == 0f) {
        continue;
      }
      if (rb != null) {
        int bits = kk * rbLongs;
        for (int col = fromCol; col < toCol; col++) {
          c[cRow + col] += s * (((rb[bits + (col >>> 6)] >>> (col & 63)) & 1L) != 0 ? -1f : 1f);
        }
        continue;
      }
      int rRow = ro + kk * n;
      for (int col = fromCol; col < toCol; col++) {
        c[cRow + col] += s * r[rRow + col];
      }
    }
  }
}
