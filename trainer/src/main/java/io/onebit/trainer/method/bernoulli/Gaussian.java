package io.onebit.trainer.method.bernoulli;

/**
 * The standard normal distribution: Φ, φ, and the probit constant that turns the study's sigmoid
 * into a probit of the same slope at 0.
 *
 * <pre>
 *   φ(x) = exp(−x²/2)/√(2π)        Φ(x) = erfc(−x/√2)/2        σ(x) ≈ Φ(λx),  λ = √(π/8)
 * </pre>
 *
 * erfc is the Chebyshev fit of Press et al., Numerical Recipes (2nd ed., §6.2), fractional error
 * below 1.2e-7 everywhere: one exp per call, accurate in the tails where the probabilities of
 * decided units live. The JDK has no erf.
 */
public final class Gaussian {
  /** λ = √(π/8): σ(x) and Φ(λx) have the same slope 1/4 at 0 and differ by less than 0.02. */
  public static final double PROBIT = Math.sqrt(Math.PI / 8);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

  private Gaussian() {}

  /** φ(x). */
  public static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /** Φ(x) = P(N(0, 1) ≤ x). */
  public static double cdf(double x) {
    return 0.5 * erfc(-x * INV_SQRT_2);
  }

  /** erfc(x) = 1 − erf(x), fractional error &lt; 1.2e-7. */
  public static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    double r = t * Math.exp(-z * z + poly);
    return x >= 0 ? r : 2 - r;
  }
}
