package io.onebit.trainer.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitCopyTest {
  @Test
  void copiesEveryRunBetweenAnyOffsets() {
    Random random = new Random(1);
    long[] src = new long[6];
    for (int i = 0; i < src.length; i++) {
      src[i] = random.nextLong();
    }
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(130);
      int from = random.nextInt(6 * 64 - n);
      int to = random.nextInt(6 * 64 - n);
      long[] dst = new long[6];
      BitCopy.or(src, from, dst, to, n);
      for (int i = 0; i < 6 * 64; i++) {
        long expected = i >= to && i < to + n ? (src[(from + i - to) >>> 6] >>> ((from + i - to) & 63)) & 1 : 0;
        assertEquals(expected, (dst[i >>> 6] >>> (i & 63)) & 1, "n " + n + " from " + from + " to " + to + " bit " + i);
      }
    }
  }
}
