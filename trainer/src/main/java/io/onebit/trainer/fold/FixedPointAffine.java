package io.onebit.trainer.fold;

/**
 * Fold step "output BatchNorm → fixed-point affine": score_j = a_j·z_j + b_j with
 * a_j = γ_j/√(σ²_j+ε) and b_j = β_j − a_j·μ_j becomes the int32 map A_j·z_j + B_j with
 * A_j = round(a_j·2^F), B_j = round(b_j·2^F). F is the largest number of fraction bits (at most
 * 24) for which every |A_j|·K + |B_j| stays below 2^30, so no score can overflow int32.
 */
public record FixedPointAffine(int[] scale, int[] offset, int fractionBits) {
  private static final double LIMIT = 1L << 30;

  public static FixedPointAffine of(int k, double[] a, double[] b) {
    for (int f = 24; f >= 0; f--) {
      double factor = Math.scalb(1.0, f);
      int[] scale = new int[a.length];
      int[] offset = new int[a.length];
      boolean fits = true;
      for (int j = 0; j < a.length && fits; j++) {
        double sa = Math.rint(a[j] * factor);
        double sb = Math.rint(b[j] * factor);
        fits = Math.abs(sa) * k + Math.abs(sb) < LIMIT;
        scale[j] = (int) sa;
        offset[j] = (int) sb;
      }
      if (fits) {
        return new FixedPointAffine(scale, offset, f);
      }
    }
    throw new IllegalArgumentException("output layer scale too large to fold into int32 scores");
  }
}
