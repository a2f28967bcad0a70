package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitPackingTest {
  @Test
  void plusOneIsBitZeroAndElementsPackLittleEndian() {
    float[] values = new float[40];
    java.util.Arrays.fill(values, 1f);
    values[0] = -1f;
    values[31] = -0.5f;
    values[32] = -2f;
    values[39] = 0f; // sign(0) = +1
    int[] packed = BitPacking.packSigns(values, 0, 40);
    assertEquals(2, packed.length);
    assertEquals(0x80000001, packed[0]);
    assertEquals(0x1, packed[1]);
    assertEquals(-1, BitPacking.value(packed, 0, 31));
    assertEquals(1, BitPacking.value(packed, 0, 39));
  }

  @Test
  void wordCountsAndPaddingMasks() {
    assertEquals(0, BitPacking.words(0));
    assertEquals(1, BitPacking.words(1));
    assertEquals(1, BitPacking.words(32));
    assertEquals(2, BitPacking.words(33));
    assertEquals(25, BitPacking.words(784));
    assertEquals(-1, BitPacking.lastWordMask(64));
    assertEquals(0xffff, BitPacking.lastWordMask(784));
  }

  @Test
  void dotProductIsKMinusTwiceTheXorPopcount() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int k = 1 + random.nextInt(300);
      float[] a = new float[k];
      float[] w = new float[k];
      int dot = 0;
      for (int i = 0; i < k; i++) {
        a[i] = random.nextBoolean() ? 1 : -1;
        w[i] = random.nextBoolean() ? 1 : -1;
        dot += (int) (a[i] * w[i]);
      }
      int p = BitPacking.xorPopcount(BitPacking.packSigns(a, 0, k), 0, BitPacking.packSigns(w, 0, k), 0, BitPacking.words(k));
      assertEquals(dot, k - 2 * p);
    }
  }

  @Test
  void setBitAndBitRoundTrip() {
    int[] packed = new int[3];
    BitPacking.setBit(packed, 1, 40, 1);
    assertEquals(1, BitPacking.bit(packed, 1, 40));
    assertEquals(1 << 8, packed[2]);
    BitPacking.setBit(packed, 1, 40, 0);
    assertEquals(0, packed[2]);
  }
}
