package io.onebit.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchNormTest {
  /** Loss L = Σ c·y for fixed random c; compares the analytic gradients with central differences. */
  @Test
  void backwardMatchesNumericalGradients() {
    Random random = new Random(3);
    int batch = 6;
    int channels = 3;
    BatchNorm bn = new BatchNorm("bn", channels);
    for (int c = 0; c < channels; c++) {
      bn.gamma().value()[c] = 0.5f + random.nextFloat();
      bn.beta().value()[c] = random.nextFloat() - 0.5f;
    }
    float[] z = new float[batch * channels];
    float[] weights = new float[batch * channels];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian() * 3;
      weights[i] = (float) random.nextGaussian();
    }
    float[] y = new float[z.length];
    bn.forwardTrain(z, batch, y);
    float[] dz = weights.clone();
    bn.backward(dz, batch, dz);
    double h = 1e-2;
    for (int i = 0; i < z.length; i++) {
      float saved = z[i];
      z[i] = (float) (saved + h);
      double plus = loss(bn, z, batch, weights);
      z[i] = (float) (saved - h);
      double minus = loss(bn, z, batch, weights);
      z[i] = saved;
      assertEquals((plus - minus) / (2 * h), dz[i], 2e-2, "dL/dz[" + i + "]");
    }
    for (int c = 0; c < channels; c++) {
      double expectedBeta = 0;
      for (int b = 0; b < batch; b++) {
        expectedBeta += weights[b * channels + c];
      }
      assertEquals(expectedBeta, bn.beta().grad()[c], 1e-4);
    }
  }

  private static double loss(BatchNorm bn, float[] z, int batch, float[] weights) {
    float[] y = new float[z.length];
    bn.forwardTrain(z, batch, y);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += weights[i] * y[i];
    }
    return sum;
  }
}
