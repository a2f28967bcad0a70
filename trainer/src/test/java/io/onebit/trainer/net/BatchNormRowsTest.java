package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BatchNorm's vectorised row passes against the scalar expressions they replace: the same bits. */
class BatchNormRowsTest {
  @ParameterizedTest
  @CsvSource({"50,32,0,50", "33,10,3,30", "7,64,0,7", "12,5,2,9", "4,17,0,4"})
  void theRowPassesAreTheScalarExpressionsToTheBit(int rows, int channels, int from, int to) {
    Random random = new Random(rows * 13L + channels);
    float[] z = gaussian(rows * channels, 5, random);
    float[] mean = gaussian(channels, 2, random);
    float[] invStd = gaussian(channels, 1, random);
    float[] gamma = gaussian(channels, 1, random);
    float[] beta = gaussian(channels, 1, random);
    float[] sumDy = gaussian(channels, 30, random);
    float[] sumDyXhat = gaussian(channels, 30, random);
    int n = rows * 49;

    float[] xhat = new float[z.length];
    float[] y = new float[z.length];
    float[] expectedXhat = new float[z.length];
    float[] expectedY = new float[z.length];
    float[] inferred = new float[z.length];
    float[] expectedInferred = new float[z.length];
    float[] dy = gaussian(z.length, 1, random);
    float[] expectedDy = dy.clone();
    for (int r = from; r < to; r++) {
      for (int c = 0; c < channels; c++) {
        int i = r * channels + c;
        float x = (z[i] - mean[c]) * invStd[c];
        expectedXhat[i] = x;
        expectedY[i] = gamma[c] * x + beta[c];
        expectedInferred[i] = gamma[c] * (z[i] - mean[c]) + beta[c];
        expectedDy[i] = invStd[c] * (n * expectedDy[i] - sumDy[c] - x * sumDyXhat[c]);
      }
    }
    BatchNormRows.train(z, mean, invStd, gamma, beta, xhat, y, channels, from, to);
    BatchNormRows.infer(z, gamma, mean, beta, inferred, channels, from, to);
    BatchNormRows.backward(dy, xhat, invStd, sumDy, sumDyXhat, n, channels, from, to);
    assertArrayEquals(expectedXhat, xhat, "x̂");
    assertArrayEquals(expectedY, y, "training output");
    assertArrayEquals(expectedInferred, inferred, "inference output");
    assertArrayEquals(expectedDy, dy, "input gradient");
  }

  private static float[] gaussian(int n, double scale, Random random) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }
}
