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

  private static float[] randomArray(int n, Random random) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }
}
