package io.onebit.trainer.fold;

/**
 * Fold step "BatchNorm + sign → threshold on a popcount", for one output channel.
 *
 * <p>The inference network computes y = s·(z − μ) + β with s = γ/√(σ²+ε) and outputs +1 when
 * y ≥ 0. The input z = K − 2p is an integer of K's parity, p = popcount(x XOR w). So:
 *
 * <pre>
 *   s &gt; 0:  y ≥ 0 ⇔ z ≥ t,  t = μ − β/s  ⇔ z ≥ ⌈t⌉ ⇔ p ≤ ⌊(K − ⌈t⌉)/2⌋
 *   s &lt; 0:  y ≥ 0 ⇔ z ≤ t              ⇔ with the row flipped (p' = K − p, z' = −z):
 *                                          p' ≤ ⌊(K + ⌊t⌋)/2⌋
 *   s = 0:  y = β: constantly +1 (β ≥ 0, threshold K) or −1 (threshold −1)
 * </pre>
 *
 * The deployed rule is "output −1 when p &gt; threshold", thresholds clamped to [−1, K].
 *
 * @param threshold popcount threshold in [−1, K]
 * @param flipRow whether the channel's weight row must be negated (s &lt; 0)
 */
public record SignThreshold(int threshold, boolean flipRow) {
  public static SignThreshold of(int k, double scale, double mean, double beta) {
    if (scale == 0) {
      return new SignThreshold(beta >= 0 ? k : -1, false);
    }
    double t = mean - beta / scale;
    if (scale > 0) {
      double zMin = Math.ceil(t);
      return new SignThreshold(clampHalf(k - zMin, k), false);
    }
    double zMax = Math.floor(t);
    return new SignThreshold(clampHalf(k + zMax, k), true);
  }

  /** ⌊v/2⌋ clamped to [−1, k], safe for huge or infinite v. */
  private static int clampHalf(double v, int k) {
    double half = Math.floor(v / 2);
    if (half < -1) {
      return -1;
    }
    if (half > k) {
      return k;
    }
    return (int) half;
  }
}
