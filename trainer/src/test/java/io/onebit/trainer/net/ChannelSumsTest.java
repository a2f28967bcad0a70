package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-channel sums, four channels at a time, against the plain row-by-row loop: the same bits. */
class ChannelSumsTest {
  @ParameterizedTest
  @CsvSource({"300,32,0,32", "300,32,16,32", "77,10,0,10", "5,7,3,6", "1000,64,8,16", "19,3,0,3"})
  void sumsAreThePlainLoopsToTheBit(int rows, int channels, int from, int to) {
    Random random = new Random(rows * 31L + channels);
    float[] z = new float[rows * channels];
    float[] xhat = new float[rows * channels];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (random.nextGaussian() * 7 + 1);
      xhat[i] = (float) random.nextGaussian();
    }
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    double[] plainSum = new double[channels];
    double[] plainSq = new double[channels];
    float[] d = new float[channels];
    float[] x = new float[channels];
    float[] plainD = new float[channels];
    float[] plainX = new float[channels];
    for (int r = 0; r < rows; r++) {
      for (int c = from; c < to; c++) {
        double v = z[r * channels + c];
        plainSum[c] += v;
        plainSq[c] += v * v;
        plainD[c] += z[r * channels + c];
        plainX[c] += z[r * channels + c] * xhat[r * channels + c];
      }
    }
    ChannelSums.sumsAndSquares(z, rows, channels, from, to, sum, sumSq);
    ChannelSums.gradientSums(z, xhat, rows, channels, from, to, d, x);
    assertArrayEquals(plainSum, sum);
    assertArrayEquals(plainSq, sumSq);
    assertArrayEquals(plainD, d);
    assertArrayEquals(plainX, x);
  }
}
