package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.optim.Ap2;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BinaryNet's shift-based BatchNorm against the exact one. */
class ShiftBatchNormTest {
  @Test
  void shiftBasedScalesByThePowerOfTwoOfTheInverseStd() {
    Random random = new Random(11);
    int batch = 50;
    int channels = 4;
    BatchNorm exact = new BatchNorm("bn", io.onebit.model.TensorShape.vector(channels), false);
    BatchNorm shift = new BatchNorm("sbn", io.onebit.model.TensorShape.vector(channels), true);
    for (int c = 0; c < channels; c++) {
      float g = 0.5f + random.nextFloat();
      float b = random.nextFloat() - 0.5f;
      exact.gamma().value()[c] = g;
      shift.gamma().value()[c] = g;
      exact.beta().value()[c] = b;
      shift.beta().value()[c] = b;
    }
    float[] z = new float[batch * channels];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian() * (3 + i % channels * 5) + 7;
    }
    float[] ye = exact.forward(Batches.real(exact.inputShape(), z), true, null).values();
    float[] ys = shift.forward(Batches.real(shift.inputShape(), z), true, null).values();
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      double sq = 0;
      for (int b = 0; b < batch; b++) {
        mean += z[b * channels + c];
        sq += z[b * channels + c] * (double) z[b * channels + c];
      }
      mean /= batch;
      double var = sq / batch - mean * mean;
      float inv = (float) (1 / Math.sqrt(var + BatchNorm.EPSILON));
      float ap2 = Ap2.of(inv);
      for (int b = 0; b < batch; b++) {
        int i = b * channels + c;
        float g = exact.gamma().value()[c];
        float beta = exact.beta().value()[c];
        assertEquals(g * (z[i] - mean) * inv + beta, ye[i], 1e-3);
        assertEquals(g * (z[i] - mean) * ap2 + beta, ys[i], 1e-3);
        // AP2 is within a factor √2 of the exact scale, so the normalised value is too
        double ratio = (ys[i] - beta) / (ye[i] - beta);
        assertTrue(ratio > 0.70 && ratio < 1.42, "ratio " + ratio);
      }
    }
    double[] mean = {1, 2, 3, 4};
    double[] var = {0.3, 2, 17, 100};
    shift.setPopulationStatistics(mean, var);
    exact.setPopulationStatistics(mean, var);
    float[] one = {5, 5, 5, 5};
    float[] out = shift.forward(Batches.real(shift.inputShape(), one), false, null).values();
    for (int c = 0; c < channels; c++) {
      float scale = shift.inferenceScale(c);
      float inv = (float) (1 / Math.sqrt((float) var[c] + BatchNorm.EPSILON));
      assertEquals(shift.gamma().value()[c] * Ap2.of(inv), scale);
      assertEquals(scale * (5 - (float) mean[c]) + shift.beta().value()[c], out[c], 1e-6);
      float inverse = Math.abs(scale / shift.gamma().value()[c]);
      assertEquals(inverse, Ap2.of(inverse), "a power of two");
      assertEquals(exact.gamma().value()[c] * inv, exact.inferenceScale(c));
    }
  }
}
