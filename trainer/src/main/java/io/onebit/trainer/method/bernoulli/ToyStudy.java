package io.onebit.trainer.method.bernoulli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The study's toy experiment: one Bernoulli dense layer learns a random ±1 weight matrix W* from
 * random input/output pairs, and the gradient rules are compared by the iterations they need.
 *
 * <pre>
 *   x ∈ {±1}ᴺ uniform,  target t_j = [W*_j·x ≥ 0] (sign(0) = +1)
 *   model  P_j = P(Σ_k x_k·w_jk ≥ 0),  w_jk = +1 with p_jk = σ(θ_jk)          (no BatchNorm: the study's P(z ≥ 0))
 *   loss   binary cross-entropy of P_j against t_j, averaged; plain gradient descent on θ
 *   converged: sign(θ) = W* for every weight (the layer is learned exactly)
 * </pre>
 *
 * Every rule sees the same W*, the same batches and the same initialisation in a trial, so the
 * comparison is paired. Rules: the exact gradient (banded system), its 3- and 5-equation
 * approximations, reverse-mode differentiation through the recursion (the study's "autograd"
 * variant; mathematically the exact gradient), and the normal and Edgeworth closed forms (the
 * continuity-corrected tail: the threshold sits halfway between lattice points of z).
 */
public final class ToyStudy {
  /** The rules compared, in table order. */
  public static final List<String> RULES = List.of("exact", "central3", "central5", "autograd", "normal", "edgeworth");

  /**
   * @param inputs N, the fan-in
   * @param outputs M
   * @param batch pairs per iteration (fresh ones each iteration)
   * @param lr gradient-descent step on the logits
   * @param trials independent problems (W*, data, initial logits ~ N(0, 0.1²))
   * @param maxIterations a trial that has not converged by then counts as this many
   */
  public record Setup(int inputs, int outputs, int batch, double lr, int trials, int maxIterations, long seed) {
    public static final Setup DEFAULT = new Setup(16, 4, 32, 1.0, 100, 1000, 1);
  }

  /** Iterations to convergence of one rule: mean, standard deviation, and trials that did not converge. */
  public record Row(String rule, double mean, double std, int failed) {}

  private ToyStudy() {}

  public static List<Row> run(Setup setup) {
    List<Row> rows = new ArrayList<>();
    for (String rule : RULES) {
      double[] its = new double[setup.trials()];
      int failed = 0;
      for (int trial = 0; trial < setup.trials(); trial++) {
        int n = iterations(setup, rule, setup.seed() * 1_000_003L + trial);
        if (n >= setup.maxIterations()) {
          failed++;
        }
        its[trial] = n;
      }
      double mean = 0;
      for (double v : its) {
        mean += v;
      }
      mean /= its.length;
      double ss = 0;
      for (double v : its) {
        ss += (v - mean) * (v - mean);
      }
      rows.add(new Row(rule, mean, its.length > 1 ? Math.sqrt(ss / (its.length - 1)) : 0, failed));
    }
    return rows;
  }

  /** The table in markdown, with the study's figures beside ours. */
  public static String markdown(Setup s, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Toy study: N = %d inputs, M = %d outputs, %d pairs per iteration, lr %.3g,"
        + " %d trials (seed %d)%n%n", s.inputs(), s.outputs(), s.batch(), s.lr(), s.trials(), s.seed()));
    out.append("| gradient | iterations to convergence (mean ± std) | not converged | study |\n");
    out.append("| --- | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      String study = switch (r.rule()) {
        case "exact" -> "57.7";
        case "central3" -> "63.4";
        case "central5" -> "59.2";
        case "autograd" -> "57.3";
        default -> "–";
      };
      out.append(String.format(Locale.ROOT, "| %s | %.1f ± %.1f | %d | %s |%n", r.rule(), r.mean(), r.std(),
          r.failed(), study));
    }
    return out.toString();
  }

  /** Iterations until sign(θ) = W* (or the cap). */
  static int iterations(Setup s, String rule, long seed) {
    Random random = new Random(seed);
    int n = s.inputs();
    int m = s.outputs();
    boolean[] target = new boolean[m * n];
    for (int i = 0; i < target.length; i++) {
      target[i] = random.nextBoolean();
    }
    double[] theta = new double[m * n];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.1 * random.nextGaussian();
    }
    double[] grad = new double[m * n];
    double[] pi = new double[n];
    double[] dpi = new double[n];
    int[] x = new int[n];
    PoissonBinomial pb = new PoissonBinomial();
    int threshold = (n + 1) / 2;
    for (int it = 0; it < s.maxIterations(); it++) {
      if (learned(theta, target)) {
        return it;
      }
      java.util.Arrays.fill(grad, 0);
      for (int b = 0; b < s.batch(); b++) {
        for (int k = 0; k < n; k++) {
          x[k] = random.nextBoolean() ? 1 : -1;
        }
        for (int j = 0; j < m; j++) {
          int dot = 0;
          for (int k = 0; k < n; k++) {
            dot += target[j * n + k] ? x[k] : -x[k];
          }
          double t = dot >= 0 ? 1 : 0;
          for (int k = 0; k < n; k++) {
            double e = Math.tanh(0.5 * theta[j * n + k]);
            pi[k] = 0.5 * (1 + x[k] * e);
          }
          java.util.Arrays.fill(dpi, 0, n, 0);
          double p = probability(rule, pb, pi, n, threshold, dpi);
          p = Math.min(1 - 1e-9, Math.max(1e-9, p));
          double dLdP = (p - t) / (p * (1 - p)) / (s.batch() * m);
          for (int k = 0; k < n; k++) {
            double e = Math.tanh(0.5 * theta[j * n + k]);
            // π = (1 + x·e)/2, e = tanh(θ/2): ∂π/∂θ = x·(1 − e²)/4
            grad[j * n + k] += dLdP * dpi[k] * x[k] * (1 - e * e) / 4;
          }
        }
      }
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= s.lr() * grad[i];
      }
    }
    return learned(theta, target) ? s.maxIterations() - 1 : s.maxIterations();
  }

  private static boolean learned(double[] theta, boolean[] target) {
    for (int i = 0; i < theta.length; i++) {
      if ((theta[i] >= 0) != target[i]) {
        return false;
      }
    }
    return true;
  }

  /** P(S ≥ threshold) and its gradient ∂P/∂π_k (into dpi) by the rule. */
  static double probability(String rule, PoissonBinomial pb, double[] pi, int n, int threshold, double[] dpi) {
    switch (rule) {
      case "normal", "edgeworth" -> {
        return closedForm(rule.equals("edgeworth"), pi, n, threshold, dpi);
      }
      case "autograd" -> {
        return Adjoint.tailAndGradient(pi, n, threshold, dpi);
      }
      default -> {
        pb.build(pi, 0, n);
        double[] f = pb.values();
        for (int s = pb.valueLow(); s <= pb.valueHigh(); s++) {
          f[s - pb.valueLow()] = s >= threshold ? 1 : 0;
        }
        double p = pb.useValues();
        pb.gradient(pi, 0, PoissonBinomial.Rule.valueOf(rule.toUpperCase(Locale.ROOT)), 1, dpi, 0);
        return p;
      }
    }
  }

  /**
   * P(S ≥ m) ≈ Φ(d) [+ (γ/6)(d² − 1)φ(d)], d = (μ − m + ½)/σ, μ = Σπ, σ² = Σπ(1 − π),
   * γ = Σπ(1 − π)(1 − 2π)/σ³ (the count S's cumulants; the continuity correction puts the
   * threshold halfway between counts).
   */
  static double closedForm(boolean edgeworth, double[] pi, int n, int m, double[] dpi) {
    double mu = 0;
    double var = 0;
    double k3 = 0;
    for (int k = 0; k < n; k++) {
      double p = pi[k];
      mu += p;
      var += p * (1 - p);
      k3 += p * (1 - p) * (1 - 2 * p);
    }
    double sigma = Math.sqrt(Math.max(var, 1e-12));
    double c = mu - m + 0.5;
    double d = c / sigma;
    double phi = Gaussian.pdf(d);
    double value = Gaussian.cdf(d);
    double gamma = k3 / (sigma * sigma * sigma);
    double dValueDd = phi;
    double dValueDgamma = 0;
    if (edgeworth) {
      value += gamma / 6 * (d * d - 1) * phi;
      dValueDd += gamma / 6 * phi * d * (3 - d * d);
      dValueDgamma = (d * d - 1) * phi / 6;
    }
    for (int k = 0; k < n; k++) {
      double p = pi[k];
      double dVar = 1 - 2 * p;
      double dSigma = dVar / (2 * sigma);
      // ∂d/∂π = 1/σ − c·∂σ/∂π/σ²;  ∂γ/∂π = ∂κ₃/∂π/σ³ − 3κ₃·∂σ/∂π/σ⁴,  ∂κ₃/∂π = 1 − 6π + 6π²
      double dd = 1 / sigma - c * dSigma / (sigma * sigma);
      double dGamma = (1 - 6 * p + 6 * p * p) / (sigma * sigma * sigma) - 3 * k3 * dSigma / Math.pow(sigma, 4);
      dpi[k] = dValueDd * dd + dValueDgamma * dGamma;
    }
    return value;
  }

  /** Reverse-mode differentiation through the recursion, every intermediate distribution kept (small n only). */
  static final class Adjoint {
    private Adjoint() {}

    static double tailAndGradient(double[] pi, int n, int m, double[] dpi) {
      double[][] y = new double[n + 1][n + 2];
      y[0][0] = 1;
      for (int k = 0; k < n; k++) {
        double p = pi[k];
        for (int s = 0; s <= k + 1; s++) {
          y[k + 1][s] = (1 - p) * y[k][s] + (s > 0 ? p * y[k][s - 1] : 0);
        }
      }
      double tail = 0;
      double[] adj = new double[n + 2];
      for (int s = 0; s <= n; s++) {
        if (s >= m) {
          tail += y[n][s];
          adj[s] = 1;
        }
      }
      double[] prev = new double[n + 2];
      for (int k = n - 1; k >= 0; k--) {
        double p = pi[k];
        double g = 0;
        java.util.Arrays.fill(prev, 0);
        for (int s = 0; s <= k + 1; s++) {
          double before = s > 0 ? y[k][s - 1] : 0;
          g += adj[s] * (before - y[k][s]);
          prev[s] += (1 - p) * adj[s];
          if (s > 0) {
            prev[s - 1] += p * adj[s];
          }
        }
        dpi[k] = g;
        System.arraycopy(prev, 0, adj, 0, adj.length);
      }
      return tail;
    }
  }
}
