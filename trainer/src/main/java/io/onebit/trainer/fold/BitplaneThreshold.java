package io.onebit.trainer.fold;

/**
 * Fold step "BatchNorm + sign → threshold on the integer dot" for one output channel of the 8-bit
 * first layer, whose input is raw bytes x ∈ 0..255 (training feeds the same integers, so its z
 * is this dot exactly). With y = s·(z − μ) + β and +1 where y ≥ 0, t = μ − β/s:
 *
 * <pre>
 *   s &gt; 0:  +1 ⇔ z ≥ t ⇔ dot ≥ ⌈t⌉                    threshold T = ⌈t⌉
 *   s &lt; 0:  +1 ⇔ z ≤ t ⇔ −z ≥ −t; with the filter negated (dot' = −z): T = ⌈−t⌉
 *   s = 0:  y = β: constantly +1 (T = −M) or −1 (T = M + 1)
 * </pre>
 *
 * The deployed rule is "output −1 when dot &lt; T", T clamped to [−M, M + 1], M = 255·K.
 */
public record BitplaneThreshold(int threshold, boolean flipFilter) {
  public static BitplaneThreshold of(int maxAbsDot, double scale, double mean, double beta) {
    if (scale == 0) {
      return new BitplaneThreshold(beta >= 0 ? -maxAbsDot : maxAbsDot + 1, false);
    }
    double t = mean - beta / scale;
    return scale > 0
        ? new BitplaneThreshold(clamp(Math.ceil(t), maxAbsDot), false)
        : new BitplaneThreshold(clamp(Math.ceil(-t), maxAbsDot), true);
  }

  private static int clamp(double v, int maxAbsDot) {
    return (int) Math.max(-maxAbsDot, Math.min(maxAbsDot + 1, v));
  }
}
