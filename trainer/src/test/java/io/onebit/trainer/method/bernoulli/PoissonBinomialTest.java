package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Poisson-binomial workspace against brute-force enumeration of all 2ⁿ outcomes, and its
 * gradients against central finite differences of the same expectation.
 */
class PoissonBinomialTest {
  /** P(S = s) by enumerating every outcome of n ≤ 16 terms. */
  static double[] bruteForce(double[] pi) {
    int n = pi.length;
    double[] pmf = new double[n + 1];
    for (int mask = 0; mask < 1 << n; mask++) {
      double p = 1;
      for (int k = 0; k < n; k++) {
        p *= ((mask >>> k) & 1) == 1 ? pi[k] : 1 - pi[k];
      }
      pmf[Integer.bitCount(mask)] += p;
    }
    return pmf;
  }

  /** Probabilities spread by logits uniform in ±spread, some exactly 0 or 1. */
  static double[] probabilities(Random random, int n, double spread, boolean decided) {
    double[] pi = new double[n];
    for (int k = 0; k < n; k++) {
      pi[k] = 1 / (1 + Math.exp(-(random.nextDouble() * 2 - 1) * spread));
      if (decided && random.nextInt(5) == 0) {
        pi[k] = random.nextBoolean() ? 0 : 1;
      }
    }
    return pi;
  }

  /** A smooth activation of the count: f(s) = Φ((2s − n − t)/w). */
  static double expectation(PoissonBinomial pb, double[] pi, double t, double w) {
    pb.build(pi, 0, pi.length);
    fill(pb, pi.length, t, w);
    return pb.useValues();
  }

  static void fill(PoissonBinomial pb, int n, double t, double w) {
    double[] v = pb.values();
    for (int s = pb.valueLow(); s <= pb.valueHigh(); s++) {
      v[s - pb.valueLow()] = Gaussian.cdf((2 * s - n - t) / w);
    }
  }

  @Test
  void distributionEqualsEnumerationForSmallFanIn() {
    Random random = new Random(1);
    PoissonBinomial pb = new PoissonBinomial();
    for (int n = 1; n <= 14; n++) {
      for (double spread : new double[] {0.5, 3, 12}) {
        double[] pi = probabilities(random, n, spread, n % 2 == 0);
        double[] exact = bruteForce(pi);
        pb.build(pi, 0, n);
        double total = 0;
        for (int s = 0; s <= n; s++) {
          assertEquals(exact[s], pb.probability(s), 2e-11, "n " + n + " s " + s);
          total += pb.probability(s);
          if (exact[s] > 1e-12) {
            assertTrue(s >= pb.low() && s <= pb.high());
          }
        }
        assertEquals(1, total, 1e-10);
        int m = (n + 1) / 2;
        double tail = 0;
        for (int s = m; s <= n; s++) {
          tail += exact[s];
        }
        assertEquals(tail, pb.tail(m), 1e-10);
      }
    }
  }

  @Test
  void largeFanInKeepsItsMassAndMoments() {
    Random random = new Random(2);
    PoissonBinomial pb = new PoissonBinomial();
    double[] pi = probabilities(random, 800, 2, true);
    pb.build(pi, 0, pi.length);
    double mean = 0;
    double var = 0;
    for (double p : pi) {
      mean += p;
      var += p * (1 - p);
    }
    double m0 = 0;
    double m1 = 0;
    double m2 = 0;
    for (int s = pb.low(); s <= pb.high(); s++) {
      double p = pb.probability(s);
      m0 += p;
      m1 += p * s;
      m2 += p * (s - mean) * (s - mean);
    }
    double lost = 2 * pi.length * PoissonBinomial.TAIL;
    assertEquals(1, m0, lost);
    assertEquals(mean, m1, lost * pi.length);
    assertEquals(var, m2, lost * pi.length * pi.length);
    assertTrue(pb.high() - pb.low() < 400, "the window follows the mass: " + pb.low() + ".." + pb.high());
  }

  /** ∂E/∂π_k by central differences of the enumerated (or recursive) expectation. */
  static double[] finiteDifferences(double[] pi, double t, double w) {
    PoissonBinomial pb = new PoissonBinomial();
    double[] g = new double[pi.length];
    double h = 1e-6;
    for (int k = 0; k < pi.length; k++) {
      double keep = pi[k];
      double up = Math.min(1, keep + h);
      double down = Math.max(0, keep - h);
      pi[k] = up;
      double a = expectation(pb, pi, t, w);
      pi[k] = down;
      double b = expectation(pb, pi, t, w);
      pi[k] = keep;
      g[k] = (a - b) / (up - down);
    }
    return g;
  }

  static double[] gradient(double[] pi, double t, double w, PoissonBinomial.Rule rule) {
    PoissonBinomial pb = new PoissonBinomial();
    expectation(pb, pi, t, w);
    double[] g = new double[pi.length];
    pb.gradient(pi, 0, rule, 1, g, 0);
    return g;
  }

  @Test
  void exactGradientEqualsFiniteDifferencesAndItsScalarTwin() {
    Random random = new Random(3);
    for (int n : new int[] {1, 2, 5, 12, 36, 128, 800}) {
      for (double spread : new double[] {0.3, 2, 8}) {
        double[] pi = probabilities(random, n, spread, true);
        for (double w : new double[] {0.05, 1, 6}) {
          double t = random.nextGaussian() * Math.sqrt(n);
          double[] fd = finiteDifferences(pi, t, w);
          double[] g = gradient(pi, t, w, PoissonBinomial.Rule.EXACT);
          PoissonBinomial pb = new PoissonBinomial();
          expectation(pb, pi, t, w);
          for (int k = 0; k < n; k++) {
            assertEquals(fd[k], g[k], 1e-6, "n " + n + " spread " + spread + " w " + w + " term " + k);
            if (pi[k] > 0 && pi[k] < 1) {
              assertEquals(pb.exactGradient(pi[k]), g[k], 1e-12);
            }
          }
        }
      }
    }
  }

  /** Largest |approximate − finite difference| relative to the largest |finite difference|. */
  static double relativeError(double[] approx, double[] fd) {
    double err = 0;
    double scale = 0;
    for (int k = 0; k < fd.length; k++) {
      err = Math.max(err, Math.abs(approx[k] - fd[k]));
      scale = Math.max(scale, Math.abs(fd[k]));
    }
    return err / scale;
  }

  @Test
  void centralEquationGradientsApproximateFiniteDifferencesWhereTheDistributionIsSmooth() {
    Random random = new Random(4);
    for (int n : new int[] {36, 128, 800}) {
      double[] pi = probabilities(random, n, 1.5, false);
      double t = random.nextGaussian();
      for (double w : new double[] {0.05, 2}) {
        double[] fd = finiteDifferences(pi, t, w);
        double e3 = relativeError(gradient(pi, t, w, PoissonBinomial.Rule.CENTRAL3), fd);
        double e5 = relativeError(gradient(pi, t, w, PoissonBinomial.Rule.CENTRAL5), fd);
        assertTrue(e3 < 0.05 && e5 < 0.05, "n " + n + " w " + w + ": central3 " + e3 + ", central5 " + e5);
      }
    }
  }

  @Test
  void decidedTermsOnlyShiftTheSupport() {
    double[] pi = {1, 0, 1, 0.5, 1};
    PoissonBinomial pb = new PoissonBinomial();
    pb.build(pi, 0, pi.length);
    assertEquals(3, pb.low());
    assertEquals(4, pb.high());
    assertEquals(0.5, pb.probability(3), 0);
    double[] fd = finiteDifferences(pi, 0.5, 0.7);
    double[] g = gradient(pi, 0.5, 0.7, PoissonBinomial.Rule.EXACT);
    for (int k = 0; k < pi.length; k++) {
      assertEquals(fd[k], g[k], 1e-7, "term " + k);
    }
  }
}
