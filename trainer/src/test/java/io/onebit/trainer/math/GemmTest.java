package io.onebit.trainer.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
  @ParameterizedTest
  @CsvSource({"4,3,16", "5,7,17", "1,1,1", "100,10,784", "10,100,256", "13,33,47", "64,64,64"})
  void matchesTheTripleLoopForBothStrideLayouts(int m, int k, int n) {
    Random random = new Random(m * 1000L + k * 10L + n);
    float[] r = randomArray(k * n, random);
    float[] lRowMajor = randomArray(m * k, random); // L(m,k) = l[m*k + k]
    float[] lColMajor = new float[m * k]; // the same matrix stored transposed
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        lColMajor[j * m + i] = lRowMajor[i * k + j];
      }
    }
    float[] start = randomArray(m * n, random);
    float[] c1 = start.clone();
    float[] c2 = start.clone();
    Gemm.multiplyAdd(c1, lRowMajor, k, 1, r, m, k, n);
    Gemm.multiplyAdd(c2, lColMajor, 1, m, r, m, k, n);
    for (int i = 0; i < m; i++) {
      for (int col = 0; col < n; col++) {
        double expected = start[i * n + col];
        for (int j = 0; j < k; j++) {
          expected += (double) lRowMajor[i * k + j] * r[j * n + col];
        }
        assertEquals(expected, c1[i * n + col], 1e-3 * (1 + Math.abs(expected)), "row-major L");
        assertEquals(expected, c2[i * n + col], 1e-3 * (1 + Math.abs(expected)), "column-major L");
      }
    }
  }

  /** Narrow products (n < 16) with L read along M take the vector-along-M kernel: the same bits as the scalar rows. */
  @ParameterizedTest
  @CsvSource({"32,500,9", "13,77,5", "8,3,15", "9,10,1", "20,1000,9"})
  void narrowProductsAreBitIdenticalToTheScalarRows(int m, int k, int n) {
    Random random = new Random(m * 7L + k * 3L + n);
    float[] r = randomArray(k * n, random);
    float[] lRowMajor = randomArray(m * k, random);
    float[] lColMajor = new float[m * k];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        lColMajor[j * m + i] = lRowMajor[i * k + j];
      }
    }
    float[] start = randomArray(m * n, random);
    float[] scalar = start.clone();
    float[] narrow = start.clone();
    Gemm.multiplyAdd(scalar, lRowMajor, k, 1, r, m, k, n);
    Gemm.multiplyAdd(narrow, lColMajor, 1, m, r, m, k, n);
    org.junit.jupiter.api.Assertions.assertArrayEquals(scalar, narrow);
  }

  /**
   * multiply never reads C and gives the bits of zeroing C, then multiplyAdd (tiles, tails, k blocks, narrow,
   * C split by columns, R packed whole with the row tiles outer).
   */
  @ParameterizedTest
  @CsvSource({"13,600,47", "100,9,32", "32,500,9", "7,3,5", "64,300,64", "9,1000,20", "30,300,100", "102,600,530",
      "530,70,262", "900,300,170"})
  void multiplyIsZeroThenMultiplyAdd(int m, int k, int n) {
    Random random = new Random(m * 31L + k * 7L + n);
    float[] r = randomArray(k * n, random);
    float[] l = randomArray(m * k, random);
    for (int[] strides : new int[][] {{k, 1}, {1, m}}) {
      float[] zeroed = new float[m * n];
      float[] overwritten = new float[m * n];
      java.util.Arrays.fill(overwritten, Float.NaN);
      Gemm.multiplyAdd(zeroed, l, strides[0], strides[1], r, m, k, n);
      Gemm.multiply(overwritten, l, strides[0], strides[1], r, m, k, n);
      org.junit.jupiter.api.Assertions.assertArrayEquals(zeroed, overwritten,
          "strides " + strides[0] + "," + strides[1]);
    }
  }

  /**
   * The contract direct kernels rely on to reproduce a product bit for bit: each element sums over
   * k in order, fused (one rounding) in the first fusedRows × fusedColumns, product-then-sum elsewhere.
   * The shapes cover every path: R in cache, R packed panel by panel, C split over the cores by
   * columns (n &gt; m: 30 × 100, 102 × 530 over three k blocks), R packed whole with the row tiles
   * outer (a core's C beyond L2: 530 × 262, 900 × 170 over two k blocks), narrow products.
   */
  @ParameterizedTest
  @CsvSource({"13,600,47", "50,32,288", "32,300,288", "17,40,198", "3,20,9", "32,500,9", "30,300,100", "102,600,530",
      "530,70,262", "900,300,170"})
  void fusedRowsAndColumnsSayWhereProductsAreFused(int m, int k, int n) {
    Random random = new Random(m * 17L + k * 5L + n);
    float[] r = randomArray(k * n, random);
    float[] l = randomArray(m * k, random);
    for (int[] strides : new int[][] {{k, 1}, {1, m}}) {
      float[] c = randomArray(m * n, random);
      float[] expected = c.clone();
      Gemm.multiplyAdd(c, l, strides[0], strides[1], r, m, k, n);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          boolean fused = i < Gemm.fusedRows(m) && j < Gemm.fusedColumns(n);
          float acc = expected[i * n + j];
          for (int kk = 0; kk < k; kk++) {
            float a = l[i * strides[0] + kk * strides[1]];
            acc = fused ? Math.fma(r[kk * n + j], a, acc) : acc + a * r[kk * n + j];
          }
          expected[i * n + j] = acc;
        }
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, c, "strides " + strides[0] + "," + strides[1]);
    }
  }

  /**
   * S given as sign bits gives the bits of the same S as ±1 floats, for every path (tiles, tails,
   * k blocks, C split by columns, R packed whole, no tiles at all) and both stride layouts of L.
   */
  @ParameterizedTest
  @CsvSource({"13,600,47", "100,300,200", "30,300,100", "102,600,530", "530,70,262", "900,300,170", "5,7,9",
      "64,10,70"})
  void multiplySignsIsMultiplyWithTheSignsAsFloats(int m, int k, int n) {
    Random random = new Random(m * 13L + k * 3L + n);
    float[] l = randomArray(m * k, random);
    int rowLongs = (n + 63) / 64;
    long[] bits = new long[k * rowLongs];
    float[] signs = new float[k * n];
    for (int kk = 0; kk < k; kk++) {
      for (int j = 0; j < n; j++) {
        boolean negative = random.nextBoolean();
        signs[kk * n + j] = negative ? -1f : 1f;
        if (negative) {
          bits[kk * rowLongs + j / 64] |= 1L << (j % 64);
        }
      }
    }
    for (int[] strides : new int[][] {{k, 1}, {1, m}}) {
      float[] expected = new float[m * n];
      float[] actual = new float[m * n];
      java.util.Arrays.fill(actual, Float.NaN);
      Gemm.multiply(expected, l, strides[0], strides[1], signs, m, k, n);
      Gemm.multiplySigns(actual, l, strides[0], strides[1], bits, rowLongs, m, k, n);
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, "strides " + strides[0] + "," + strides[1]);
    }
  }

  private static float[] randomArray(int n, Random random) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }
}
