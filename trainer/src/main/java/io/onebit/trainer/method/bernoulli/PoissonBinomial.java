package io.onebit.trainer.method.bernoulli;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The distribution of S = b_1 + … + b_n, independent b_k ~ Bernoulli(π_k) (the Poisson binomial):
 * the number of +1 terms in the pre-activation of a Bernoulli unit, z = 2S − n. One instance is
 * the workspace of one thread, reused without allocation once grown.
 *
 * <p><b>Distribution</b> (the study's recursion, adding one term at a time):
 *
 * <pre>
 *   y⁽ᵏ⁾_s = q_k·y⁽ᵏ⁻¹⁾_s + p_k·y⁽ᵏ⁻¹⁾_{s−1},   p_k = π_k, q_k = 1 − π_k,   y⁽⁰⁾ = δ_0
 * </pre>
 *
 * O(n·W) for a support of width W: counts whose mass falls below {@link #TAIL} at the edges are
 * dropped as the window moves (at most 2n·TAIL of mass in all, far below float resolution), and
 * terms with π ∈ {0, 1} only shift the window, so decided units cost O(n).
 *
 * <p><b>Gradients</b> of E[f(S)] for a function f of the count (the unit's activation):
 *
 * <pre>
 *   ∂E[f(S)]/∂π_k = Σ_s x⁽ᵏ⁾_s·(f(s+1) − f(s)),   x⁽ᵏ⁾ = distribution of S without term k
 * </pre>
 *
 * For a step f this is the mass of the other terms' sum at the decision boundary. x⁽ᵏ⁾ is the
 * solution of the study's banded system y = A·x, A lower bidiagonal (q_k on the diagonal, p_k
 * below), whose least-squares form is the tridiagonal (AᵀA)·x = Aᵀy with p²+q² on the diagonal and
 * pq beside it. {@link Rule#EXACT} solves y = A·x by substitution from the side where it is stable
 * (error factor min(p, q)/max(p, q) ≤ 1 per step: upwards when p ≤ ½, downwards otherwise), which
 * is that system's exact solution, O(W) per term. {@link Rule#CENTRAL3} and {@link Rule#CENTRAL5}
 * are the study's approximations: only the 3 or 5 central equations of the tridiagonal system,
 * around the counts where f changes most, are solved; the unknowns outside them are taken at the
 * first estimate x ≈ Aᵀy (exact where x is locally linear, since AᵀA = I + pq·Δ²), which makes the
 * rest of the sum O(1) per term: Σ_s (Aᵀy)_s·Δf_s = q·F₀ + p·F₁ with F₀ = Σ y_s Δf_s and
 * F₁ = Σ y_s Δf_{s−1} shared by all terms. O(1) per term after O(W) per unit.
 */
public final class PoissonBinomial {
  /** Mass below which a count at the edge of the support is dropped (at most 2n·TAIL in all: far below float). */
  public static final double TAIL = 1e-12;
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  private static final int LANES = SPECIES.length();

  /** How the per-term gradient is obtained. */
  public enum Rule {
    /** The banded system solved exactly. */
    EXACT(0),
    /** Three central equations of the tridiagonal system, the rest at x ≈ Aᵀy. */
    CENTRAL3(1),
    /** Five central equations. */
    CENTRAL5(2);

    final int halfWidth;

    Rule(int halfWidth) {
      this.halfWidth = halfWidth;
    }
  }

  // y[s' + 1] = P(S' = s') for s' in [lo, hi], zero at y[lo] and y[hi + 2]; S = S' + shift, where
  // S' counts the undecided terms and shift the terms with π = 1.
  private double[] y = new double[8];
  // values[j] = f(S = lo − 1 + j + shift), j in [0, hi − lo + 2], clamped to f(0) and f(n) beyond.
  private double[] values = new double[8];
  // delta[j] = values[j + 1] − values[j]: Δf at S' = lo − 1 + j.
  private double[] delta = new double[8];
  private final double[] rhs = new double[5];
  private final double[] sol = new double[5];
  private final double[] estimate = new double[7];
  // y and Δf (S' coordinates) from centre − NEAR_LEFT on, for the central equations
  private static final int NEAR_LEFT = 3;
  private final double[] near = new double[8];
  private final double[] nearDelta = new double[8];
  private final double[] lane = new double[2 * LANES];
  private int n;
  private int lo;
  private int hi;
  private int shift;
  private double f0;
  private double f1;
  private int center;

  private void ensure(int size) {
    if (y.length < size) {
      y = new double[size];
      values = new double[size];
      delta = new double[size];
    }
  }

  /**
   * Builds the distribution of the sum of {@code count} terms with probabilities
   * {@code pi[from .. from + count)} (each in [0, 1]).
   */
  public void build(double[] pi, int from, int count) {
    n = count;
    ensure(count + 3);
    lo = 0;
    hi = 0;
    shift = 0;
    y[0] = 0;
    y[1] = 1;
    for (int k = from; k < from + count; k++) {
      double p = pi[k];
      if (p <= 0) {
        continue;
      }
      if (p >= 1) {
        shift++;
        continue;
      }
      add(p);
    }
  }

  /**
   * y ← q·y + p·y shifted by one, in place from the top down (each y[j − 1] is read before it is
   * written). Plain Java: measured as fast as an explicit Vector-API loop (about 0.45 ns per count
   * on this machine, CPU time), without the Vector API's slow start before the JIT compiles it.
   */
  private void add(double p) {
    double q = 1 - p;
    y[hi + 2] = 0;
    for (int j = hi + 2; j >= lo + 1; j--) {
      y[j] = q * y[j] + p * y[j - 1];
    }
    hi++;
    while (hi > lo && y[hi + 1] < TAIL) {
      y[hi + 1] = 0;
      hi--;
    }
    while (lo < hi && y[lo + 1] < TAIL) {
      y[lo + 1] = 0;
      lo++;
    }
  }

  /** Values in the support window (what {@link #saveWindow} writes). */
  public int windowSize() {
    return hi - lo + 1;
  }

  /** The window's position, packed for {@link #restore}: lo, hi and shift. */
  public void saveHeader(int[] header, int at) {
    header[at] = lo;
    header[at + 1] = hi;
    header[at + 2] = shift;
  }

  /** Copies the window's masses to {@code dst[at ..]}. */
  public void saveWindow(double[] dst, int at) {
    System.arraycopy(y, lo + 1, dst, at, hi - lo + 1);
  }

  /** Restores a distribution of {@code count} terms saved by {@link #saveHeader} and {@link #saveWindow}. */
  public void restore(int count, int[] header, int headerAt, double[] src, int at) {
    n = count;
    ensure(count + 3);
    lo = header[headerAt];
    hi = header[headerAt + 1];
    shift = header[headerAt + 2];
    y[lo] = 0;
    System.arraycopy(src, at, y, lo + 1, hi - lo + 1);
    y[hi + 2] = 0;
  }

  /** Number of terms. */
  public int terms() {
    return n;
  }

  /** The smallest count with mass. */
  public int low() {
    return lo + shift;
  }

  /** The largest count with mass. */
  public int high() {
    return hi + shift;
  }

  /** P(S = s). */
  public double probability(int s) {
    int t = s - shift;
    return t < lo || t > hi ? 0 : y[t + 1];
  }

  /** P(S ≥ m). */
  public double tail(int m) {
    double sum = 0;
    for (int t = Math.max(lo, m - shift); t <= hi; t++) {
      sum += y[t + 1];
    }
    return sum;
  }

  /** The first count whose f-value {@link #values()} must hold (at index 0); may be −1. */
  public int valueLow() {
    return lo - 1 + shift;
  }

  /** The last count whose f-value must be given; may be n + 1. */
  public int valueHigh() {
    return hi + 1 + shift;
  }

  /**
   * Where the caller writes f(s) for s in [{@link #valueLow}, {@link #valueHigh}], at index
   * s − valueLow(); counts outside [0, n] are overwritten by f(0) and f(n) in {@link #useValues}.
   */
  public double[] values() {
    return values;
  }

  /**
   * Takes the f-values just written: returns E[f(S)] and prepares the gradients (Δf, F₀, F₁ and
   * the count where f changes most, the centre of the central equations).
   */
  public double useValues() {
    int last = hi - lo + 2;
    if (valueLow() < 0) {
      values[0] = values[1];
    }
    if (valueHigh() > n) {
      values[last] = values[last - 1];
    }
    double e = 0;
    for (int t = lo; t <= hi; t++) {
      e += y[t + 1] * values[t - lo + 1];
    }
    double best = -1;
    for (int j = 0; j < last; j++) {
      double d = values[j + 1] - values[j];
      delta[j] = d;
      if (Math.abs(d) > best) {
        best = Math.abs(d);
        center = lo - 1 + j;
      }
    }
    double a = 0;
    double b = 0;
    for (int t = lo; t <= hi; t++) {
      a += y[t + 1] * delta[t - lo + 1];
      b += y[t + 1] * delta[t - lo];
    }
    f0 = a;
    f1 = b;
    for (int j = 0; j < near.length; j++) {
      int t = center - NEAR_LEFT + j;
      near[j] = t < lo || t > hi ? 0 : y[t + 1];
      nearDelta[j] = t < lo - 1 || t > hi ? 0 : delta[t - lo + 1];
    }
    return e;
  }

  /** Σ_s P(S = s)·w(s) for w written like the f-values (index s − valueLow()). */
  public double weightedSum(double[] w) {
    double e = 0;
    for (int t = lo; t <= hi; t++) {
      e += y[t + 1] * w[t - lo + 1];
    }
    return e;
  }

  /**
   * Adds scale·∂E[f(S)]/∂π_k to {@code out[outFrom + k − from]} for every term k of the last
   * {@link #build} (the same {@code pi}), after {@link #useValues}.
   */
  public void gradient(double[] pi, int from, Rule rule, double scale, double[] out, int outFrom) {
    if (rule == Rule.EXACT) {
      exactGradients(pi, from, scale, out, outFrom);
      return;
    }
    for (int k = 0; k < n; k++) {
      double p = pi[from + k];
      double g;
      if (p <= 0) {
        g = f0;
      } else if (p >= 1) {
        g = f1;
      } else {
        g = central(p, rule.halfWidth);
      }
      out[outFrom + k] += scale * g;
    }
  }

  /** Exact per-term gradients: undecided terms four at a time (one per vector lane), each by its stable substitution. */
  private void exactGradients(double[] pi, int from, double scale, double[] out, int outFrom) {
    ensureTerms(n);
    for (int k = 0; k < n; k++) {
      double p = pi[from + k];
      if (p <= 0) {
        out[outFrom + k] += scale * f0;
      } else if (p >= 1) {
        out[outFrom + k] += scale * f1;
      } else if (p <= 0.5) {
        lowP[lowCount] = p;
        lowIndex[lowCount++] = k;
      } else {
        highP[highCount] = p;
        highIndex[highCount++] = k;
      }
    }
    for (int i = 0; i < lowCount; i += 2 * LANES) {
      int m = Math.min(2 * LANES, lowCount - i);
      upwards(lowP, i, m);
      for (int l = 0; l < m; l++) {
        out[outFrom + lowIndex[i + l]] += scale * lane[l];
      }
    }
    for (int i = 0; i < highCount; i += 2 * LANES) {
      int m = Math.min(2 * LANES, highCount - i);
      downwards(highP, i, m);
      for (int l = 0; l < m; l++) {
        out[outFrom + highIndex[i + l]] += scale * lane[l];
      }
    }
    lowCount = 0;
    highCount = 0;
  }

  private double[] lowP = new double[0];
  private double[] highP = new double[0];
  private int[] lowIndex = new int[0];
  private int[] highIndex = new int[0];
  private int lowCount;
  private int highCount;

  /** Grows the per-term scratch of the exact gradients to {@code count} terms. */
  private void ensureTerms(int count) {
    if (lowP.length < count + 2 * LANES) {
      lowP = new double[count + 2 * LANES];
      highP = new double[count + 2 * LANES];
      lowIndex = new int[count + 2 * LANES];
      highIndex = new int[count + 2 * LANES];
    }
  }

  /**
   * x_s = (y_s − p·x_{s−1})/q upwards from x_{lo−1} = 0, g = Σ x_s·Δf_s, for m ≤ 8 terms at once: two
   * independent vector chains interleaved, which hides the latency of the serial recurrence (unused
   * lanes run with p = ¼ and are discarded); results in {@code lane}.
   */
  private void upwards(double[] ps, int at, int m) {
    for (int l = m; l < 2 * LANES; l++) {
      ps[at + l] = 0.25;
    }
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector p0 = DoubleVector.fromArray(SPECIES, ps, at);
    DoubleVector p1 = DoubleVector.fromArray(SPECIES, ps, at + LANES);
    DoubleVector n0 = p0.div(one.sub(p0)).neg();
    DoubleVector n1 = p1.div(one.sub(p1)).neg();
    DoubleVector i0 = one.div(one.sub(p0));
    DoubleVector i1 = one.div(one.sub(p1));
    DoubleVector x0 = DoubleVector.zero(SPECIES);
    DoubleVector x1 = DoubleVector.zero(SPECIES);
    DoubleVector g0 = DoubleVector.zero(SPECIES);
    DoubleVector g1 = DoubleVector.zero(SPECIES);
    for (int t = lo; t <= hi; t++) {
      // x = y/q − (p/q)·x
      DoubleVector yt = DoubleVector.broadcast(SPECIES, y[t + 1]);
      DoubleVector d = DoubleVector.broadcast(SPECIES, delta[t - lo + 1]);
      x0 = x0.fma(n0, yt.mul(i0));
      x1 = x1.fma(n1, yt.mul(i1));
      g0 = x0.fma(d, g0);
      g1 = x1.fma(d, g1);
    }
    g0.intoArray(lane, 0);
    g1.intoArray(lane, LANES);
  }

  /** x_{s−1} = (y_s − q·x_s)/p downwards from x_hi = 0, g = Σ x_{s−1}·Δf_{s−1}; as {@link #upwards}. */
  private void downwards(double[] ps, int at, int m) {
    for (int l = m; l < 2 * LANES; l++) {
      ps[at + l] = 0.75;
    }
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector p0 = DoubleVector.fromArray(SPECIES, ps, at);
    DoubleVector p1 = DoubleVector.fromArray(SPECIES, ps, at + LANES);
    DoubleVector n0 = one.sub(p0).div(p0).neg();
    DoubleVector n1 = one.sub(p1).div(p1).neg();
    DoubleVector i0 = one.div(p0);
    DoubleVector i1 = one.div(p1);
    DoubleVector x0 = DoubleVector.zero(SPECIES);
    DoubleVector x1 = DoubleVector.zero(SPECIES);
    DoubleVector g0 = DoubleVector.zero(SPECIES);
    DoubleVector g1 = DoubleVector.zero(SPECIES);
    for (int t = hi; t >= lo; t--) {
      DoubleVector yt = DoubleVector.broadcast(SPECIES, y[t + 1]);
      DoubleVector d = DoubleVector.broadcast(SPECIES, delta[t - lo]);
      x0 = x0.fma(n0, yt.mul(i0));
      x1 = x1.fma(n1, yt.mul(i1));
      g0 = x0.fma(d, g0);
      g1 = x1.fma(d, g1);
    }
    g0.intoArray(lane, 0);
    g1.intoArray(lane, LANES);
  }

  /** The exact gradient of one term by the scalar substitution (the readable twin of the vector lanes). */
  double exactGradient(double p) {
    double q = 1 - p;
    double g = 0;
    double x = 0;
    if (p <= 0.5) {
      for (int t = lo; t <= hi; t++) {
        x = (y[t + 1] - p * x) / q;
        g += x * delta[t - lo + 1];
      }
    } else {
      for (int t = hi; t >= lo; t--) {
        x = (y[t + 1] - q * x) / p;
        g += x * delta[t - lo];
      }
    }
    return g;
  }

  /**
   * The central-equations approximation: (p²+q²)x_j + pq(x_{j−1} + x_{j+1}) = (Aᵀy)_j for the 2h+1
   * counts j around the centre, the x outside them at x̂ = Aᵀy, x̂_j = q·y_j + p·y_{j+1};
   * g = q·F₀ + p·F₁ + Σ_window (x_j − x̂_j)·Δf_j. The masses and Δf around the centre are copied
   * once per unit ({@link #useValues}), so a term costs a (2h+1)-row Thomas solve.
   */
  private double central(double p, int h) {
    double q = 1 - p;
    int a = Math.max(lo - 1, center - h);
    int b = Math.min(hi, center + h);
    int c = b - a + 1;
    int base = a - 1 - (center - NEAR_LEFT);
    double diag = p * p + q * q;
    double off = p * q;
    // x̂ at a − 1 .. b + 1
    for (int i = 0; i < c + 2; i++) {
      estimate[i] = q * near[base + i] + p * near[base + i + 1];
    }
    for (int i = 0; i < c; i++) {
      rhs[i] = estimate[i + 1];
    }
    rhs[0] -= off * estimate[0];
    rhs[c - 1] -= off * estimate[c + 1];
    // Thomas algorithm for the constant tridiagonal (off, diag, off)
    double[] cp = sol;
    double inv = 1 / diag;
    cp[0] = off * inv;
    rhs[0] *= inv;
    for (int i = 1; i < c; i++) {
      inv = 1 / (diag - off * cp[i - 1]);
      cp[i] = off * inv;
      rhs[i] = (rhs[i] - off * rhs[i - 1]) * inv;
    }
    for (int i = c - 2; i >= 0; i--) {
      rhs[i] -= cp[i] * rhs[i + 1];
    }
    double g = q * f0 + p * f1;
    int d = a - (center - NEAR_LEFT);
    for (int i = 0; i < c; i++) {
      g += (rhs[i] - estimate[i + 1]) * nearDelta[d + i];
    }
    return g;
  }
}
