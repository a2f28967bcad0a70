package io.onebit.model;

/**
 * The packing convention of DESIGN.md, in one place.
 *
 * <p>A binary value x in {+1, -1} is stored as bit 0 for +1 and bit 1 for -1. Element i of a
 * vector is bit (i mod 32) of word i/32 (little-endian). Bits past the vector's true length are 0,
 * so they never contribute to popcount(a XOR w).
 */
public final class BitPacking {
  private BitPacking() {}

  /** Number of 32-bit words that hold {@code n} bits. */
  public static int words(int n) {
    return (n + 31) >>> 5;
  }

  /** The stored bit of a real value: 1 for a negative value (-1), 0 otherwise (sign(0) = +1). */
  public static int bitOf(float value) {
    return value < 0f ? 1 : 0;
  }

  /** Packs the signs of {@code values[offset .. offset+n)} into {@code words(n)} words. */
  public static int[] packSigns(float[] values, int offset, int n) {
    int[] packed = new int[words(n)];
    packSignsInto(values, offset, n, packed, 0);
    return packed;
  }

  /** Packs signs into {@code dst[dstOffset ..]}; the words are overwritten, padding left 0. */
  public static void packSignsInto(float[] values, int offset, int n, int[] dst, int dstOffset) {
    int nw = words(n);
    for (int w = 0; w < nw; w++) {
      int word = 0;
      int base = offset + (w << 5);
      int limit = Math.min(32, n - (w << 5));
      for (int b = 0; b < limit; b++) {
        word |= bitOf(values[base + b]) << b;
      }
      dst[dstOffset + w] = word;
    }
  }

  /** Bit i of a packed vector (0 means +1, 1 means -1). */
  public static int bit(int[] packed, int offset, int i) {
    return (packed[offset + (i >>> 5)] >>> (i & 31)) & 1;
  }

  /** The value (+1 or -1) of element i of a packed vector. */
  public static int value(int[] packed, int offset, int i) {
    return 1 - 2 * bit(packed, offset, i);
  }

  /** Sets bit i of a packed vector. */
  public static void setBit(int[] packed, int offset, int i, int bit) {
    int w = offset + (i >>> 5);
    int mask = 1 << (i & 31);
    packed[w] = bit != 0 ? packed[w] | mask : packed[w] & ~mask;
  }

  /** Mask of the valid bits in the last word of an n-bit vector (all ones when n is a multiple of 32). */
  public static int lastWordMask(int n) {
    int r = n & 31;
    return r == 0 ? -1 : (1 << r) - 1;
  }

  /**
   * popcount(a XOR w) over {@code nWords} words: the number of positions where the two ±1 vectors
   * differ. The dot product of the vectors is {@code K - 2 * xorPopcount}.
   */
  public static int xorPopcount(int[] a, int aOffset, int[] w, int wOffset, int nWords) {
    int count = 0;
    for (int i = 0; i < nWords; i++) {
      count += Integer.bitCount(a[aOffset + i] ^ w[wOffset + i]);
    }
    return count;
  }
}
