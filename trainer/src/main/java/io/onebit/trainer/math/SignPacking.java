package io.onebit.trainer.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * sign(x) of a float row, written twice: packed (bit 1 for x &lt; 0, 64 per long, little-endian)
 * and as ±1 floats. sign(0) = +1, as in the deploy format. This runs on every weight after every
 * step and on every activation, so it compares 8 lanes at a time and turns each comparison mask
 * into 8 bits at once.
 */
public final class SignPacking {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  private static final FloatVector PLUS = FloatVector.broadcast(SPECIES, 1f);
  private static final FloatVector MINUS = FloatVector.broadcast(SPECIES, -1f);
  private static final FloatVector ZERO = FloatVector.zero(SPECIES);

  private SignPacking() {}

  /**
   * Packs n values {@code src[srcOff ..]} into {@code (n + 63) / 64} longs at {@code packed[packedOff]}
   * (padding bits 0) and writes ±1 into {@code signs[signsOff ..]}.
   */
  public static void pack(float[] src, int srcOff, int n, long[] packed, int packedOff, float[] signs, int signsOff) {
    int longs = (n + 63) >>> 6;
    for (int w = 0; w < longs; w++) {
      int base = w << 6;
      int limit = Math.min(64, n - base);
      long word = 0;
      int b = 0;
      for (; b + LANES <= limit; b += LANES) {
        FloatVector v = FloatVector.fromArray(SPECIES, src, srcOff + base + b);
        VectorMask<Float> negative = v.compare(VectorOperators.LT, ZERO);
        PLUS.blend(MINUS, negative).intoArray(signs, signsOff + base + b);
        word |= negative.toLong() << b;
      }
      for (; b < limit; b++) {
        boolean negative = src[srcOff + base + b] < 0f;
        signs[signsOff + base + b] = negative ? -1f : 1f;
        if (negative) {
          word |= 1L << b;
        }
      }
      packed[packedOff + w] = word;
    }
  }
}
