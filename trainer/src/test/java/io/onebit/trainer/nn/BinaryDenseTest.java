package io.onebit.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryDenseTest {
  @ParameterizedTest
  @CsvSource({"784,256,7", "33,5,3", "64,64,4", "1,3,2"})
  void forwardIsTheSignDotProductAndBackwardItsTranspose(int inputs, int outputs, int batch) {
    Random random = new Random(inputs + outputs);
    BinaryDense layer = new BinaryDense("d", inputs, outputs, random);
    BinaryBatch x = randomBatch(inputs, batch, random);
    float[] z = new float[batch * outputs];
    layer.forward(x, z);
    float[] w = layer.weights().value();
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < outputs; j++) {
        int dot = 0;
        for (int i = 0; i < inputs; i++) {
          dot += (int) x.signs[b * inputs + i] * (w[j * inputs + i] >= 0 ? 1 : -1);
        }
        assertEquals(dot, z[b * outputs + j], "z[" + b + "][" + j + "]");
      }
    }
    float[] dz = new float[batch * outputs];
    for (int i = 0; i < dz.length; i++) {
      dz[i] = (float) random.nextGaussian();
    }
    float[] dx = new float[batch * inputs];
    layer.backward(dz, x, dx);
    for (int j = 0; j < outputs; j++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int b = 0; b < batch; b++) {
          expected += dz[b * outputs + j] * x.signs[b * inputs + i];
        }
        assertEquals(expected, layer.weights().grad()[j * inputs + i], 1e-4);
      }
    }
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < inputs; i++) {
        double expected = 0;
        for (int j = 0; j < outputs; j++) {
          expected += dz[b * outputs + j] * (w[j * inputs + i] >= 0 ? 1 : -1);
        }
        assertEquals(expected, dx[b * inputs + i], 1e-4);
      }
    }
  }

  static BinaryBatch randomBatch(int width, int batch, Random random) {
    BinaryBatch x = new BinaryBatch(width, batch);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < width; i++) {
        if (random.nextBoolean()) {
          x.packed[b * x.longs + (i >>> 6)] |= 1L << (i & 63);
        }
      }
    }
    x.size = batch;
    x.unpackSigns();
    return x;
  }
}
