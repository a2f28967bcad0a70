package io.onebit.trainer.method.rl.bitnet;

/**
 * The reward of one sample from its class scores s (the output layer's centred, scaled dots,
 * {@link Centering}) and its label y; a network's reward on a batch is the mean over samples.
 *
 * <pre>
 *   neg-ce:    r = −CE = −(log Σ_c exp(s_c − s_max) + s_max − s_y)
 *   accuracy:  r = 1 if argmax_c s_c = y (ties to the smaller class, as the deployed argmax), else 0
 *   margin:    r = min(κ, s_y − max_{c≠y} s_c)   (the multi-class hinge, Crammer and Singer 2001, up to a constant)
 * </pre>
 *
 * Besides the full value, each kind answers "what if only class c's score moved by δ" from a
 * per-sample cache ({@link #cache}), so that the output layer's single flips cost a few
 * operations per sample instead of a new softmax.
 */
public enum SampleReward {
  NEG_CE("neg-ce") {
    @Override
    public double value(double[] s, int classes, int label) {
      double max = s[0];
      for (int c = 1; c < classes; c++) {
        max = Math.max(max, s[c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(s[c] - max);
      }
      return -(Math.log(sum) + max - s[label]);
    }

    /** cache: [0] = s_max, [1 + c] = exp(s_c − s_max), [1 + C + c] = Σ_{c'≠c} exp(s_c' − s_max). */
    @Override
    public void cache(double[] s, int classes, int label, double[] cache) {
      double max = s[0];
      for (int c = 1; c < classes; c++) {
        max = Math.max(max, s[c]);
      }
      cache[0] = max;
      for (int c = 0; c < classes; c++) {
        cache[1 + c] = Math.exp(s[c] - max);
      }
      for (int c = 0; c < classes; c++) {
        double rest = 0;
        for (int k = 0; k < classes; k++) {
          if (k != c) {
            rest += cache[1 + k];
          }
        }
        cache[1 + classes + c] = rest;
      }
    }

    @Override
    public double withClassMoved(double[] s, double[] cache, int classes, int label, int c, double moved,
        double expDelta) {
      double sum = cache[1 + classes + c] + cache[1 + c] * expDelta;
      double sy = c == label ? moved : s[label];
      return -(Math.log(sum) + cache[0] - sy);
    }
  },

  ACCURACY("accuracy") {
    @Override
    public double value(double[] s, int classes, int label) {
      return argmax(s, classes) == label ? 1 : 0;
    }

    /** cache: [c] = max_{c'≠c} s_c', [C + c] = the first class holding it. */
    @Override
    public void cache(double[] s, int classes, int label, double[] cache) {
      othersMax(s, classes, cache);
    }

    @Override
    public double withClassMoved(double[] s, double[] cache, int classes, int label, int c, double moved,
        double expDelta) {
      double other = cache[c];
      int otherClass = (int) cache[classes + c];
      int winner = moved > other || (moved == other && c < otherClass) ? c : otherClass;
      return winner == label ? 1 : 0;
    }
  },

  MARGIN("margin") {
    @Override
    public double value(double[] s, int classes, int label) {
      double other = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        if (c != label) {
          other = Math.max(other, s[c]);
        }
      }
      return Math.min(MARGIN_CAP, s[label] - other);
    }

    /** cache: [0] = the largest score of a class other than y, [1] = its class, [2] = the second largest. */
    @Override
    public void cache(double[] s, int classes, int label, double[] cache) {
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      int firstClass = -1;
      for (int c = 0; c < classes; c++) {
        if (c == label) {
          continue;
        }
        if (s[c] > first) {
          second = first;
          first = s[c];
          firstClass = c;
        } else if (s[c] > second) {
          second = s[c];
        }
      }
      cache[0] = first;
      cache[1] = firstClass;
      cache[2] = second;
    }

    @Override
    public double withClassMoved(double[] s, double[] cache, int classes, int label, int c, double moved,
        double expDelta) {
      if (c == label) {
        return Math.min(MARGIN_CAP, moved - cache[0]);
      }
      double others = c == (int) cache[1] ? cache[2] : cache[0];
      return Math.min(MARGIN_CAP, s[label] - Math.max(others, moved));
    }
  };

  /**
   * −CE of one sample as {@link #value} computes it, keeping exp(s_c − s_max) in
   * {@code exps[off ..]} and s_max in {@code max[b]}, from which {@link #negCeMoved} re-scores
   * the sample after its dots move.
   */
  static double negCe(double[] s, int classes, int label, double[] exps, int off, double[] max, int b) {
    double m = s[0];
    for (int c = 1; c < classes; c++) {
      m = Math.max(m, s[c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      double e = Math.exp(s[c] - m);
      exps[off + c] = e;
      sum += e;
    }
    max[b] = m;
    return -(Math.log(sum) + m - s[label]);
  }

  /**
   * −CE after every class score moved by Δ_c = {@code moves[c]} (the new label score is
   * {@code labelScore}): log Σ_c exp(s_c + Δ_c) = log Σ_c exp(s_c − s_max)·e^{Δ_c} + s_max, with
   * e^{Δ_c} from {@code factors} (1 where a class did not move). Equal to {@link #value} of the
   * moved scores up to rounding.
   */
  static double negCeMoved(double[] exps, int off, double max, double[] factors, int classes, double labelScore) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += exps[off + c] * factors[c];
    }
    return -(Math.log(sum) + max - labelScore);
  }

  /** κ of the margin reward, in units of the class scores (standard deviations of the output dots). */
  public static final double MARGIN_CAP = 1.0;

  private final String cliName;

  SampleReward(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line. */
  public String cliName() {
    return cliName;
  }

  /** The reward kind called {@code name} on the command line. */
  public static SampleReward named(String name) {
    for (SampleReward r : values()) {
      if (r.cliName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reward '" + name + "'");
  }

  /** The reward of one sample with scores {@code s[0 .. classes)}. */
  public abstract double value(double[] s, int classes, int label);

  /** Doubles a sample's cache takes (see {@link #cache}). */
  public static int cacheSize(int classes) {
    return 1 + 2 * classes;
  }

  /** Fills the per-sample cache that {@link #withClassMoved} reads ({@link #cacheSize} doubles). */
  public abstract void cache(double[] s, int classes, int label, double[] cache);

  /**
   * The reward when class c's score moves from s_c to {@code moved} = s_c + δ and every other
   * score stays; {@code expDelta} = exp(δ) (used by neg-ce, precomputed by callers that reuse δ).
   * Accuracy and margin compare {@code moved} itself, so they agree exactly with {@link #value}
   * of the moved scores when the caller computes {@code moved} as the full evaluation does.
   */
  public abstract double withClassMoved(double[] s, double[] cache, int classes, int label, int c, double moved,
      double expDelta);

  /** The first class with the largest score (the deployed argmax). */
  public static int argmax(double[] s, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (s[c] > s[best]) {
        best = c;
      }
    }
    return best;
  }

  /** cache[c] = max_{c'≠c} s_c', cache[C + c] = the first class holding it. */
  private static void othersMax(double[] s, int classes, double[] cache) {
    for (int c = 0; c < classes; c++) {
      double best = Double.NEGATIVE_INFINITY;
      int at = -1;
      for (int k = 0; k < classes; k++) {
        if (k != c && s[k] > best) {
          best = s[k];
          at = k;
        }
      }
      cache[c] = best;
      cache[classes + c] = at;
    }
  }
}
