package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The toy study's rules and the approximation measurement on sizes that run in a second. */
class ToyStudyTest {
  @Test
  void reverseModeThroughTheRecursionIsTheExactGradient() {
    Random random = new Random(5);
    for (int n : new int[] {3, 8, 21}) {
      double[] pi = PoissonBinomialTest.probabilities(random, n, 3, false);
      int m = (n + 1) / 2;
      double[] exact = new double[n];
      double[] adjoint = new double[n];
      double p = ToyStudy.probability("exact", new PoissonBinomial(), pi, n, m, exact);
      assertEquals(p, ToyStudy.Adjoint.tailAndGradient(pi, n, m, adjoint), 1e-12);
      for (int k = 0; k < n; k++) {
        assertEquals(exact[k], adjoint[k], 1e-12);
      }
    }
  }

  @Test
  void closedFormGradientsAreTheDerivativesOfTheirTails() {
    Random random = new Random(6);
    double[] pi = PoissonBinomialTest.probabilities(random, 30, 2, false);
    for (boolean edgeworth : new boolean[] {false, true}) {
      double[] g = new double[pi.length];
      ToyStudy.closedForm(edgeworth, pi, pi.length, 14, g);
      for (int k = 0; k < pi.length; k++) {
        double keep = pi[k];
        double[] scratch = new double[pi.length];
        pi[k] = keep + 1e-6;
        double up = ToyStudy.closedForm(edgeworth, pi, pi.length, 14, scratch);
        pi[k] = keep - 1e-6;
        double down = ToyStudy.closedForm(edgeworth, pi, pi.length, 14, scratch);
        pi[k] = keep;
        assertEquals((up - down) / 2e-6, g[k], 1e-6);
      }
    }
  }

  @Test
  void everyRuleLearnsASmallMatrix() {
    ToyStudy.Setup setup = new ToyStudy.Setup(16, 4, 32, 1.0, 6, 2000, 3);
    List<ToyStudy.Row> rows = ToyStudy.run(setup);
    System.out.print(ToyStudy.markdown(setup, rows));
    for (ToyStudy.Row r : rows) {
      assertEquals(0, r.failed(), r.rule());
      assertTrue(r.mean() > 1, r.rule());
    }
    assertEquals(rows.get(0).mean(), rows.get(3).mean(), 0.5, "exact and autograd are the same gradient");
  }

  @Test
  void theNormalApproximationImprovesWithFanInAndEdgeworthHelpsWhereItIsSkewed() {
    List<ApproximationError.Row> rows = ApproximationError.run(4, 1);
    System.out.print(ApproximationError.markdown(4, 1, rows));
    ApproximationError.Row small = rows.stream().filter(r -> r.fanIn() == 4 && r.spread() == 2).findFirst().get();
    ApproximationError.Row large = rows.stream().filter(r -> r.fanIn() == 800 && r.spread() == 2).findFirst().get();
    assertTrue(large.tailNormal() < small.tailNormal() / 5, small + " vs " + large);
    assertTrue(large.tailNormal() < 5e-3, large.toString());
  }
}
