package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import io.onebit.trainer.quant.StochasticSign;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dense layer's XOR-popcount forward, its float (real-weight) forward, and its backward products. */
class DenseTest {
  private static int sign(float w) {
    return w >= 0 ? 1 : -1;
  }

  @ParameterizedTest
  @CsvSource({"784,256,7", "33,5,3", "64,64,4", "1,3,2", "129,17,1"})
  void forwardIsTheSignDotProductAndBackwardItsTranspose(int inputs, int outputs, int batch) {
    Random random = new Random(inputs + outputs);
    Dense layer = new Dense("d", inputs, outputs, random);
    Activations x = Batches.signs(TensorShape.vector(inputs), batch, random);
    float[] z = layer.forward(x, true, null).values();
    float[] w = layer.latent().value();
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < outputs; j++) {
        int dot = 0;
        for (int i = 0; i < inputs; i++) {
          dot += (int) x.values()[b * inputs + i] * sign(w[j * inputs + i]);
        }
        assertEquals(dot, z[b * outputs + j], "z[" + b + "][" + j + "]");
      }
    }
    float[] dz = Batches.gaussian(batch * outputs, random);
    float[] dx = layer.backward(dz.clone(), true);
    for (int j = 0; j < outputs; j++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int b = 0; b < batch; b++) {
          expected += dz[b * outputs + j] * x.values()[b * inputs + i];
        }
        assertEquals(expected, layer.latent().grad()[j * inputs + i], 1e-4);
      }
    }
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int j = 0; j < outputs; j++) {
          expected += dz[b * outputs + j] * sign(w[j * inputs + i]);
        }
        assertEquals(expected, dx[b * inputs + i], 1e-4);
      }
    }
  }

  /** The same ±1 values through the float GEMM path give the same exact integers as XOR + popcount. */
  @ParameterizedTest
  @CsvSource({"784,64,5", "70,9,3"})
  void floatPathAgreesWithTheBitPathOnSigns(int inputs, int outputs, int batch) {
    Random random = new Random(inputs * 3 + outputs);
    Dense layer = new Dense("d", inputs, outputs, random);
    Activations bits = Batches.signs(TensorShape.vector(inputs), batch, random);
    float[] viaBits = layer.forward(bits, false, null).values().clone();
    float[] viaFloats = layer.forward(Batches.real(TensorShape.vector(inputs),
        java.util.Arrays.copyOf(bits.values(), batch * inputs)), false, null).values();
    for (int i = 0; i < batch * outputs; i++) {
      assertEquals(viaBits[i], viaFloats[i], "output " + i);
    }
  }

  @ParameterizedTest
  @CsvSource({"784,64,5", "33,17,3", "64,10,4"})
  void realWeightForwardAndInputGradientUseTheLatentWeights(int inputs, int outputs, int batch) {
    Random random = new Random(inputs * 7 + outputs);
    Dense layer = new Dense("d", inputs, outputs, random);
    layer.setBinaryWeights(false);
    Activations x = Batches.signs(TensorShape.vector(inputs), batch, random);
    float[] z = layer.forward(x, true, null).values();
    float[] w = layer.latent().value();
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < outputs; j++) {
        double dot = 0;
        for (int i = 0; i < inputs; i++) {
          dot += x.values()[b * inputs + i] * w[j * inputs + i];
        }
        assertEquals(dot, z[b * outputs + j], 1e-4);
      }
    }
    float[] dz = Batches.gaussian(batch * outputs, random);
    float[] dx = layer.backward(dz.clone(), true);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int j = 0; j < outputs; j++) {
          expected += dz[b * outputs + j] * w[j * inputs + i];
        }
        assertEquals(expected, dx[b * inputs + i], 1e-4);
      }
    }
    layer.setBinaryWeights(true);
    z = layer.forward(x, false, null).values();
    for (int j = 0; j < outputs; j++) {
      int dot = 0;
      for (int i = 0; i < inputs; i++) {
        dot += (int) x.values()[i] * sign(w[j * inputs + i]);
      }
      assertEquals(dot, z[j]);
    }
  }

  @ParameterizedTest
  @CsvSource({"100,8"})
  void stochasticWeightDrawsAreRestoredToSignByRefresh(int inputs, int outputs) {
    Dense layer = new Dense("d", inputs, outputs, new Random(3));
    long[] deterministic = layer.packedSigns().clone();
    layer.sampleSigns(new StochasticSign(), new Random(9));
    long[] drawn = layer.packedSigns().clone();
    // latent weights are small (|w| ≤ H ≈ 0.14), so p(+1) ≈ 1/2 and many draws differ from sign(w)
    int differ = 0;
    for (int i = 0; i < drawn.length; i++) {
      differ += Long.bitCount(drawn[i] ^ deterministic[i]);
    }
    assertTrue(differ > inputs * outputs / 5, "draws differ: " + differ);
    layer.sampleSigns(new StochasticSign(), new Random(9));
    assertArrayEquals(drawn, layer.packedSigns(), "same seed, same draws");
    layer.refresh();
    assertArrayEquals(deterministic, layer.packedSigns());
  }
}
