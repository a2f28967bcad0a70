package io.onebit.trainer.optim;

/**
 * BinaryNet's "approximate power of two": AP2(x) = sign(x)·2^round(log2|x|), so that a product
 * with AP2(y) is a bit shift in fixed point (Courbariaux et al. 2016, shift-based BatchNorm and
 * AdaMax). AP2(0) = 0. Examples: AP2(3.14) = 4, AP2(2.5) = 2, AP2(−0.3) = −0.25.
 */
public final class Ap2 {
  private Ap2() {}

  private static final double SQRT2 = Math.sqrt(2);

  public static float of(float x) {
    if (x == 0f || !Float.isFinite(x)) {
      return x;
    }
    float a = Math.abs(x);
    int e;
    if (a >= Float.MIN_NORMAL) {
      // round(log2 a) from the float's exponent: up when the mantissa is at least √2
      e = Math.getExponent(a);
      if (a >= Math.scalb(SQRT2, e)) {
        e++;
      }
    } else {
      e = (int) Math.rint(Math.log(a) / Math.log(2));
    }
    // clamp to the float exponent range so AP2 of a tiny or huge value stays finite and non-zero
    e = Math.max(-149, Math.min(127, e));
    return Math.copySign(Math.scalb(1f, e), x);
  }
}
