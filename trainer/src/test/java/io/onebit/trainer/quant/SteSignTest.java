package io.onebit.trainer.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class SteSignTest {
  @Test
  void signOfZeroIsPlusOneAndGradientIsCancelledOutsideTheClip() {
    SteSign q = new SteSign(1f);
    assertEquals(1f, q.forward(0f));
    assertEquals(1f, q.forward(0.3f));
    assertEquals(-1f, q.forward(-1e-9f));
    assertEquals(1f, q.backward(0.99f));
    assertEquals(1f, q.backward(-1f));
    assertEquals(0f, q.backward(1.01f));
    assertEquals(0f, q.backward(-7f));
    assertEquals(1f, new SteSign(2f).backward(1.5f));
  }

  /** The branch-free range backward gives the scalar one's bits: at ±clip, −0, NaN, negative gradients, any tail. */
  @Test
  void theRangeBackwardHasTheScalarBits() {
    SteSign q = new SteSign(1f);
    Random random = new Random(5);
    for (int n : new int[] {0, 1, 7, 8, 9, 100, 1027}) {
      float[] x = new float[n + 3];
      float[] d = new float[n + 3];
      float[] special = {1f, -1f, 0f, -0f, Float.NaN, 1.0000001f, -0.9999999f, Float.POSITIVE_INFINITY};
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
        d[i] = random.nextInt(5) == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
      }
      float[] expected = d.clone();
      for (int i = 2; i < n + 2; i++) {
        expected[i] *= q.backward(x[i]);
      }
      q.backward(x, d, 2, n + 2);
      for (int i = 0; i < d.length; i++) {
        Assertions.assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(d[i]), "n " + n + ", i " + i);
      }
    }
  }
}
