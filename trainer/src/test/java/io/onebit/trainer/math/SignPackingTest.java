package io.onebit.trainer.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Packing sign(x) to bits (sign(0) = +1, bit 1 = −1) and unpacking the bits to ±1, against the definition. */
class SignPackingTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 63, 64, 65, 130, 288, 1024})
  void packBitsAndUnpackFollowTheDefinition(int n) {
    Random random = new Random(n);
    float[] x = new float[n + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(5) == 0 ? (random.nextBoolean() ? 0f : -0f) : (float) random.nextGaussian();
      if (random.nextInt(40) == 0) {
        x[i] = random.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY; // NaN is not < 0: +1
      }
    }
    int longs = (n + 63) / 64;
    long[] bits = new long[longs + 1];
    long[] both = new long[longs + 1];
    float[] signs = new float[n];
    SignPacking.packBits(x, 3, n, bits, 1);
    SignPacking.pack(x, 3, n, both, 1, signs, 0);
    assertArrayEquals(both, bits, "packBits writes the bits pack writes");
    float[] expected = new float[n];
    for (int j = 0; j < n; j++) {
      expected[j] = x[3 + j] < 0f ? -1f : 1f; // sign(−0) = sign(0) = +1
      assertEquals(expected[j] < 0, ((bits[1 + j / 64] >>> (j % 64)) & 1L) != 0, "bit " + j);
    }
    assertArrayEquals(expected, signs);
    // Unpacking any window, aligned to 8 bits (the table path) or not, and into an offset.
    for (int from : new int[] {0, 1, 8, 13, 64}) {
      if (from > n) {
        continue;
      }
      float[] window = new float[n - from + 2];
      SignPacking.unpack(bits, 1, from, n - from, window, 2);
      for (int j = from; j < n; j++) {
        assertEquals(expected[j], window[2 + j - from], "from " + from + ", value " + j);
      }
    }
  }
}
