package io.onebit.trainer.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * sign(x) of a float row, written twice: packed (bit 1 for x &lt; 0, 64 per long, little-endian)
 * and as ±1 floats. sign(0) = +1, as in the deploy format. This runs on every weight after every
 * step and on every activation: the ±1 floats and the bits are both made 8 lanes at a time
 * ({@link #word}).
 */
public final class SignPacking {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  private static final FloatVector PLUS = FloatVector.broadcast(SPECIES, 1f);
  private static final FloatVector MINUS = FloatVector.broadcast(SPECIES, -1f);
  private static final FloatVector ZERO = FloatVector.zero(SPECIES);
  private static final VectorSpecies<Integer> INT_SPECIES = IntVector.SPECIES_256;
  private static final IntVector INT_ZERO = IntVector.zero(INT_SPECIES);
  /** Lane i's bit, 1 &lt;&lt; i. */
  private static final IntVector LANE_BITS = IntVector.fromArray(INT_SPECIES, new int[] {1, 2, 4, 8, 16, 32, 64, 128},
      0);

  /** ±1 for every byte of packed bits: entry b·8 + i is −1 when bit i of b is set, +1 otherwise. */
  private static final float[] BYTE_SIGNS = new float[256 * 8];

  static {
    for (int b = 0; b < 256; b++) {
      for (int i = 0; i < 8; i++) {
        BYTE_SIGNS[b * 8 + i] = ((b >>> i) & 1) != 0 ? -1f : 1f;
      }
    }
  }

  private SignPacking() {}

  /** {@link #pack} without the ±1 floats: only the packed bits (padding bits 0). */
  public static void packBits(float[] src, int srcOff, int n, long[] packed, int packedOff) {
    int longs = (n + 63) >>> 6;
    for (int w = 0; w < longs; w++) {
      int base = w << 6;
      packed[packedOff + w] = word(src, srcOff + base, Math.min(64, n - base));
    }
  }

  /**
   * Bits of {@code count} ≤ 64 values from {@code src[off]}: bit b set when src[off + b] &lt; 0.
   * Eight at a time, the comparison's lanes blended to their bit values 1, 2, …, 128 and OR-ed
   * together (5 times the plain loop's speed on 64-value words, SignPackingBenchmark.bits);
   * {@code VectorMask.toLong} would be one instruction but is not compiled to it on JDK 17.
   */
  private static long word(float[] src, int off, int count) {
    long word = 0;
    int b = 0;
    for (; b + LANES <= count; b += LANES) {
      int bits = INT_ZERO.blend(LANE_BITS, FloatVector.fromArray(SPECIES, src, off + b)
          .compare(VectorOperators.LT, 0f).cast(INT_SPECIES)).reduceLanes(VectorOperators.OR);
      word |= (long) bits << b;
    }
    for (; b < count; b++) {
      word |= (src[off + b] < 0f ? 1L : 0L) << b;
    }
    return word;
  }

  /**
   * The inverse: writes ±1 for bits {@code from .. from + n} of the packed row at
   * {@code packed[packedOff]} (bit j in long j / 64, bit j % 64; 1 = −1) into {@code signs[signsOff ..]}.
   * Eight values per table entry, one vector load and store each when {@code from} is a multiple of 8.
   */
  public static void unpack(long[] packed, int packedOff, int from, int n, float[] signs, int signsOff) {
    int j = 0;
    if ((from & 7) == 0) {
      for (; j + 8 <= n; j += 8) {
        int bit = from + j;
        int b = (int) (packed[packedOff + (bit >>> 6)] >>> (bit & 63)) & 0xFF;
        FloatVector.fromArray(SPECIES, BYTE_SIGNS, b * 8).intoArray(signs, signsOff + j);
      }
    }
    for (; j < n; j++) {
      int bit = from + j;
      signs[signsOff + j] = ((packed[packedOff + (bit >>> 6)] >>> (bit & 63)) & 1L) != 0 ? -1f : 1f;
    }
  }

  /**
   * Packs n values {@code src[srcOff ..]} into {@code (n + 63) / 64} longs at {@code packed[packedOff]}
   * (padding bits 0) and writes ±1 into {@code signs[signsOff ..]}.
   */
  public static void pack(float[] src, int srcOff, int n, long[] packed, int packedOff, float[] signs, int signsOff) {
    int longs = (n + 63) >>> 6;
    for (int w = 0; w < longs; w++) {
      int base = w << 6;
      int limit = Math.min(64, n - base);
      int b = 0;
      for (; b + LANES <= limit; b += LANES) {
        FloatVector v = FloatVector.fromArray(SPECIES, src, srcOff + base + b);
        PLUS.blend(MINUS, v.compare(VectorOperators.LT, ZERO)).intoArray(signs, signsOff + base + b);
      }
      for (; b < limit; b++) {
        signs[signsOff + base + b] = src[srcOff + base + b] < 0f ? -1f : 1f;
      }
      packed[packedOff + w] = word(src, srcOff + base, limit);
    }
  }
}
