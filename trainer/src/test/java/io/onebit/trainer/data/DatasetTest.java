package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {
  /** Three 2x2 samples: sample i holds the pixels 10i..10i+3; labels 2, 0, 1. */
  private static final Dataset THREE = new Dataset("three", 3, 2, 2,
      new byte[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, new byte[] {2, 0, 1}, 3);

  @Test
  void sampleIsACopyOfOneSample() {
    assertEquals(4, THREE.sampleSize());
    byte[] sample = THREE.sample(1);
    assertArrayEquals(new byte[] {10, 11, 12, 13}, sample);
    sample[0] = 99;
    assertEquals(10, THREE.pixels()[4]);
    assertThrows(IndexOutOfBoundsException.class, () -> THREE.sample(3));
  }

  @Test
  void labelIsUnsigned() {
    Dataset many = new Dataset("many", 1, 1, 1, new byte[1], new byte[] {(byte) 200}, 256);
    assertEquals(200, many.label(0));
    assertEquals(2, THREE.label(0));
  }

  @Test
  void headKeepsTheFirstSamples() {
    Dataset head = THREE.head(2);
    assertEquals(2, head.count());
    assertArrayEquals(new byte[] {0, 1, 2, 3, 10, 11, 12, 13}, head.pixels());
    assertArrayEquals(new byte[] {2, 0}, head.labels());
    assertEquals(0, THREE.head(0).count());
    assertThrows(IndexOutOfBoundsException.class, () -> THREE.head(4));
  }

  @Test
  void subsetGathersInOrderWithRepeats() {
    Dataset subset = THREE.subset(new int[] {2, 0, 2});
    assertEquals(3, subset.count());
    assertArrayEquals(new byte[] {20, 21, 22, 23, 0, 1, 2, 3, 20, 21, 22, 23}, subset.pixels());
    assertArrayEquals(new byte[] {1, 2, 1}, subset.labels());
    assertThrows(IndexOutOfBoundsException.class, () -> THREE.subset(new int[] {3}));
  }

  @Test
  void rejectsInconsistentArrays() {
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", 2, 2, 2, new byte[7], new byte[2], 3));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", 2, 2, 2, new byte[8], new byte[3], 3));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", 1, 2, 2, new byte[4], new byte[] {3}, 3));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", 0, 0, 2, new byte[0], new byte[0], 3));
  }
}
