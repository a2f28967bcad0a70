package io.onebit.trainer.method.bernoulli;

/**
 * The activation of a Bernoulli unit in closed form, when its pre-activation z is approximated
 * by a normal distribution (mean m, variance v) or by its first Edgeworth correction (third
 * cumulant κ). The activation is the study's temperature sigmoid after BatchNorm, in its probit
 * form (the same slope at 0; {@link Gaussian#PROBIT}), whose expectation over a normal z is exact:
 *
 * <pre>
 *   a = E[Φ(λ·(α·z + b)/T)],   z ~ N(m, v)            (α, b: BatchNorm's scale and shift, T: temperature)
 *     = Φ(d),   d = λ(α·m + b)/D,   D = √(T² + λ²α²v)                                         (normal)
 *   a ≈ Φ(d) + (κ/6)·k³·(d² − 1)·φ(d),   k = λα/D                                       (refined normal)
 * </pre>
 *
 * The refined form is the Edgeworth expansion of E[g(z)] to the third cumulant,
 * E[g] ≈ E_N[g] + (κ/6)·E_N[g‴] (Gaussian integration by parts), with E_N[g‴] = ∂³Φ(d)/∂m³. As
 * T → 0 both become tail probabilities: Φ((αm + b)/(|α|√v)) is the normal approximation of
 * P(α·z + b ≥ 0), and the refined one adds the skewness term of Volkova's refined normal
 * approximation of the Poisson binomial (thresholds sit between lattice points after fold, where
 * the continuity correction is zero). The refined value is clamped to [0, 1].
 */
final class Probit {
  private static final double L = Gaussian.PROBIT;

  /** The activation and its partial derivatives. */
  static final class Result {
    double a;
    double dm;
    double dv;
    double dk;
    double dAlpha;
    double db;
  }

  private Probit() {}

  /** Normal approximation: fills a and ∂a/∂(m, v, α, b) (∂a/∂κ = 0). */
  static void normal(double m, double v, double alpha, double b, double t, Result out) {
    double d2 = t * t + L * L * alpha * alpha * v;
    double den = Math.sqrt(d2);
    double num = L * (alpha * m + b);
    double d = num / den;
    double phi = Gaussian.pdf(d);
    out.a = Gaussian.cdf(d);
    // ∂d/∂m = λα/D, ∂d/∂b = λ/D, ∂d/∂v = −num·λ²α²/(2D³), ∂d/∂α = λm/D − num·λ²αv/D³
    out.dm = phi * L * alpha / den;
    out.db = phi * L / den;
    out.dv = -phi * num * L * L * alpha * alpha / (2 * d2 * den);
    out.dAlpha = phi * (L * m / den - num * L * L * alpha * v / (d2 * den));
    out.dk = 0;
  }

  /** Refined normal approximation (third cumulant κ): fills a and every partial. */
  static void refined(double m, double v, double kappa, double alpha, double b, double t, Result out) {
    double d2 = t * t + L * L * alpha * alpha * v;
    double den = Math.sqrt(d2);
    double num = L * (alpha * m + b);
    double d = num / den;
    double phi = Gaussian.pdf(d);
    double ddm = L * alpha / den;
    double ddb = L / den;
    double ddv = -num * L * L * alpha * alpha / (2 * d2 * den);
    double dda = L * m / den - num * L * L * alpha * v / (d2 * den);
    double k = L * alpha / den;
    double h = (d * d - 1) * phi;
    double c3 = kappa / 6;
    double a = Gaussian.cdf(d) + c3 * k * k * k * h;
    if (a < 0 || a > 1) {
      out.a = a < 0 ? 0 : 1;
      out.dm = 0;
      out.dv = 0;
      out.dk = 0;
      out.dAlpha = 0;
      out.db = 0;
      return;
    }
    // ∂a/∂d = φ + (κ/6)k³·h'(d), h' = φ·d·(3 − d²); ∂k/∂v = −k·λ²α²/(2D²), ∂k/∂α = (λ/D)·T²/D²
    double viaD = phi + c3 * k * k * k * phi * d * (3 - d * d);
    double viaK = c3 * 3 * k * k * h;
    double dkdv = -k * L * L * alpha * alpha / (2 * d2);
    double dkda = L / den * t * t / d2;
    out.a = a;
    out.dm = viaD * ddm;
    out.db = viaD * ddb;
    out.dv = viaD * ddv + viaK * dkdv;
    out.dAlpha = viaD * dda + viaK * dkda;
    out.dk = k * k * k * h / 6;
  }
}
