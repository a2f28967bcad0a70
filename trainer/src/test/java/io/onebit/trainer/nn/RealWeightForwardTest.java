package io.onebit.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.trainer.quant.StochasticSign;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage 1 of two-stage: real weights × ±1 activations; and stochastic weight draws. */
class RealWeightForwardTest {
  @ParameterizedTest
  @CsvSource({"784,64,5", "33,17,3", "64,10,4"})
  void realWeightForwardAndInputGradientUseTheLatentWeights(int inputs, int outputs, int batch) {
    Random random = new Random(inputs * 7 + outputs);
    BinaryDense layer = new BinaryDense("d", inputs, outputs, random);
    layer.setBinaryWeights(false);
    BinaryBatch x = BinaryDenseTest.randomBatch(inputs, batch, random);
    float[] z = new float[batch * outputs];
    layer.forward(x, z);
    float[] w = layer.weights().value();
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < outputs; j++) {
        double dot = 0;
        for (int i = 0; i < inputs; i++) {
          dot += x.signs[b * inputs + i] * w[j * inputs + i];
        }
        assertEquals(dot, z[b * outputs + j], 1e-4);
      }
    }
    float[] dz = new float[batch * outputs];
    for (int i = 0; i < dz.length; i++) {
      dz[i] = (float) random.nextGaussian();
    }
    float[] dx = new float[batch * inputs];
    layer.backward(dz, x, dx);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int j = 0; j < outputs; j++) {
          expected += dz[b * outputs + j] * w[j * inputs + i];
        }
        assertEquals(expected, dx[b * inputs + i], 1e-4);
      }
    }
    // back to binary: the integer sign product again
    layer.setBinaryWeights(true);
    layer.forward(x, z);
    for (int j = 0; j < outputs; j++) {
      int dot = 0;
      for (int i = 0; i < inputs; i++) {
        dot += (int) x.signs[i] * (w[j * inputs + i] >= 0 ? 1 : -1);
      }
      assertEquals(dot, z[j]);
    }
  }

  @ParameterizedTest
  @CsvSource({"100,8"})
  void stochasticWeightDrawsAreRestoredToSignByRefresh(int inputs, int outputs) {
    Random random = new Random(3);
    BinaryDense layer = new BinaryDense("d", inputs, outputs, random);
    long[] deterministic = layer.packedSigns().clone();
    layer.sampleSigns(new StochasticSign(), new Random(9));
    long[] drawn = layer.packedSigns().clone();
    // latent weights are small (|w| ≤ H ≈ 0.12), so p(+1) ≈ 1/2 and many draws differ from sign(w)
    int differ = 0;
    for (int i = 0; i < drawn.length; i++) {
      differ += Long.bitCount(drawn[i] ^ deterministic[i]);
    }
    assertEquals(true, differ > inputs * outputs / 5, "draws differ: " + differ);
    layer.sampleSigns(new StochasticSign(), new Random(9));
    assertArrayEquals(drawn, layer.packedSigns(), "same seed, same draws");
    layer.refreshSigns();
    assertArrayEquals(deterministic, layer.packedSigns());
  }
}
