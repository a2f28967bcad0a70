package io.onebit.trainer.method.bernoulli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where the normal approximation of a Bernoulli unit breaks: its tail probability P(S ≥ m) and
 * that probability's gradient against the exact Poisson binomial, over fan-in K and over how
 * decided the terms are (π = σ(u), u uniform in ±spread: spread 8 puts most π within 3e-4 of 0 or
 * 1). The threshold is every count m (continuity-corrected, i.e. halfway between lattice points, as
 * after fold); the figures are the largest error over m, averaged over random draws of π. The
 * Edgeworth (third-cumulant) correction and the study's central-equation gradients are measured
 * the same way.
 */
public final class ApproximationError {
  public static final int[] FAN_INS = {4, 8, 16, 36, 64, 128, 800};
  public static final double[] SPREADS = {0.5, 2, 4, 8};

  /**
   * @param tailNormal mean over draws of max_m |P_normal − P_exact|
   * @param gradNormal mean relative L2 error of ∂P/∂π at the median threshold
   */
  public record Row(int fanIn, double spread, double tailNormal, double tailEdgeworth, double gradNormal,
      double gradEdgeworth, double gradCentral3, double gradCentral5) {}

  private ApproximationError() {}

  public static List<Row> run(int draws, long seed) {
    List<Row> rows = new ArrayList<>();
    Random random = new Random(seed);
    PoissonBinomial pb = new PoissonBinomial();
    for (int k : FAN_INS) {
      for (double spread : SPREADS) {
        double[] sum = new double[6];
        for (int d = 0; d < draws; d++) {
          double[] pi = new double[k];
          for (int i = 0; i < k; i++) {
            pi[i] = 1 / (1 + Math.exp(-(random.nextDouble() * 2 - 1) * spread));
          }
          pb.build(pi, 0, k);
          double worstNormal = 0;
          double worstEdgeworth = 0;
          double[] scratch = new double[k];
          for (int m = 1; m <= k; m++) {
            double exact = pb.tail(m);
            worstNormal = Math.max(worstNormal, Math.abs(ToyStudy.closedForm(false, pi, k, m, scratch) - exact));
            worstEdgeworth = Math.max(worstEdgeworth, Math.abs(ToyStudy.closedForm(true, pi, k, m, scratch) - exact));
          }
          sum[0] += worstNormal;
          sum[1] += worstEdgeworth;
          double mean = 0;
          for (double p : pi) {
            mean += p;
          }
          int m = Math.max(1, Math.min(k, (int) Math.round(mean)));
          double[] exact = new double[k];
          ToyStudy.probability("exact", pb, pi, k, m, exact);
          String[] rules = {"normal", "edgeworth", "central3", "central5"};
          for (int r = 0; r < rules.length; r++) {
            double[] g = new double[k];
            ToyStudy.probability(rules[r], pb, pi, k, m, g);
            sum[2 + r] += relative(g, exact);
          }
        }
        rows.add(new Row(k, spread, sum[0] / draws, sum[1] / draws, sum[2] / draws, sum[3] / draws, sum[4] / draws,
            sum[5] / draws));
      }
    }
    return rows;
  }

  /** ‖a − b‖ / ‖b‖. */
  static double relative(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return den == 0 ? (num == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(num / den);
  }

  public static String markdown(int draws, long seed, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Normal approximation of P(S >= m) vs the exact Poisson binomial (%d draws"
        + " per cell, seed %d; pi = sigmoid(u), u uniform in +-spread)%n%n", draws, seed));
    out.append("| fan-in | spread | max abs error of P: normal | Edgeworth | gradient rel. error: normal | Edgeworth"
        + " | central3 | central5 |\n");
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %d | %.1f | %.2e | %.2e | %.2e | %.2e | %.2e | %.2e |%n", r.fanIn(),
          r.spread(), r.tailNormal(), r.tailEdgeworth(), r.gradNormal(), r.gradEdgeworth(), r.gradCentral3(),
          r.gradCentral5()));
    }
    return out.toString();
  }
}
