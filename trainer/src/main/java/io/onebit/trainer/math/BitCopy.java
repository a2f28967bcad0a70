package io.onebit.trainer.math;

/**
 * Copies runs of bits between packed arrays (64 per long, bit i of an array is bit (i mod 64) of
 * long i/64, little-endian as in the deploy format). Binary convolutions gather each window's
 * input bits this way (a bit-level im2col): every tap's channels are one run.
 */
public final class BitCopy {
  private BitCopy() {}

  /**
   * ORs {@code n} bits of {@code src} starting at bit {@code from} into {@code dst} starting at bit
   * {@code to}. The destination bits must be 0 beforehand (a fresh window row).
   */
  public static void or(long[] src, long from, long[] dst, long to, int n) {
    while (n > 0) {
      int srcShift = (int) (from & 63);
      int dstShift = (int) (to & 63);
      int chunk = Math.min(n, Math.min(64 - srcShift, 64 - dstShift));
      long bits = src[(int) (from >>> 6)] >>> srcShift;
      if (chunk < 64) {
        bits &= (1L << chunk) - 1;
      }
      dst[(int) (to >>> 6)] |= bits << dstShift;
      from += chunk;
      to += chunk;
      n -= chunk;
    }
  }
}
