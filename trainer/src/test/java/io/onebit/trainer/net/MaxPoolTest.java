package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Max-pool on integer pre-BatchNorm values, where ties are the rule: the maximum and the gradient
 * routed to the first window position holding it, for channel counts on and off the vector width.
 */
class MaxPoolTest {
  @ParameterizedTest
  @CsvSource({"28,28,32,2,2,2", "14,14,33,2,2,2", "6,5,5,3,3,1", "7,9,1,2,2,2", "4,12,16,1,3,3", "9,9,40,3,2,2"})
  void maximaAndGradientsGoToTheFirstLargestPosition(int h, int w, int c, int ph, int pw, int stride) {
    Random random = new Random(h * 17 + c);
    MaxPool2d pool = new MaxPool2d(h, w, c, ph, pw, stride);
    int batch = 3;
    float[] x = new float[batch * h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(5) - 2; // many ties
    }
    float[] inference = pool.forward(Batches.real(pool.inputShape(), x), false, null).values().clone();
    float[] y = pool.forward(Batches.real(pool.inputShape(), x), true, null).values().clone();
    org.junit.jupiter.api.Assertions.assertArrayEquals(y, inference, "inference pools the same maxima");
    float[] g = Batches.gaussian(batch * pool.outputShape().elements(), random);
    float[] dx = pool.backward(g.clone(), true);
    float[] expectedDx = new float[x.length];
    int oh = pool.geometry.outHeight();
    int ow = pool.geometry.outWidth();
    for (int b = 0; b < batch; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          for (int ch = 0; ch < c; ch++) {
            int best = -1;
            for (int py = 0; py < ph; py++) {
              for (int px = 0; px < pw; px++) {
                int i = ((b * h + oy * stride + py) * w + ox * stride + px) * c + ch;
                if (best < 0 || x[i] > x[best]) {
                  best = i;
                }
              }
            }
            int o = ((b * oh + oy) * ow + ox) * c + ch;
            assertEquals(x[best], y[o], "max at " + o);
            expectedDx[best] += g[o];
          }
        }
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(expectedDx[i], dx[i], 1e-6, "gradient at " + i);
    }
  }
}
