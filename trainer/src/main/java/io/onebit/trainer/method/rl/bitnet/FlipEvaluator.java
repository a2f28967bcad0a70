package io.onebit.trainer.method.rl.bitnet;

import io.onebit.trainer.math.Parallel;

/**
 * Incremental re-evaluation of a {@link Pass} when a few weights change, exact in integers with
 * the generation's thresholds held ({@link Centering}).
 *
 * <p>A flip of w_ji in layer l moves neuron j's margin for sample b by
 * Δm_bj = −2·w_ji·(B·x_bi − S_i) (its dot by −2·w_ji·x_bi and its threshold along with the
 * batch mean), so only samples with |m_bj| below {@link Centering#reach} can change sign, and
 * for those only neuron j's downstream needs recomputing: {@link #propagate} pushes one sample's
 * changed bits through the later layers, touching only the input words that changed.
 *
 * <p>All single flips at once ({@link #flipDeltas}): with D_bj = r_b(activation (b, j) of layer l
 * flipped) − r_b computed for the near pairs ({@link #activationDeltas}),
 *
 * <pre>
 *   ΔR(w_ji) = Σ_{b : sign(m_bj + Δm_bj) ≠ sign(m_bj)} D_bj        (hidden layers)
 *   ΔR(w_ci) = Σ_b r_b(s_bc + Δm_bc·scale_c) − r_b                  (output layer)
 * </pre>
 *
 * which for a neuron with a_bj = +1 counts the samples with x_bi = w_ji and m_bj &lt; 2(B − w_ji·S_i),
 * and for a_bj = −1 those with x_bi ≠ w_ji and m_bj ≥ −2(B + w_ji·S_i). Every ΔR is a difference
 * of summed rewards (not divided by B). Work is split over neurons or samples with each result
 * summed in sample order, so results do not depend on the number of threads.
 */
public final class FlipEvaluator {
  private final SampleReward reward;

  public FlipEvaluator(SampleReward reward) {
    this.reward = reward;
  }

  /** Per-thread buffers for propagating one sample's change. */
  public static final class Scratch {
    final long[][] mask;
    final int[] nonzero;
    final int[] dots;
    final double[] scores;
    final double[] factors;
    final double[] cache;

    public Scratch(BitNet shape) {
      int layers = shape.layers();
      mask = new long[layers][];
      int widest = 1;
      for (int l = 0; l < layers; l++) {
        mask[l] = new long[shape.rowLongs(l)];
        widest = Math.max(widest, shape.rowLongs(l));
      }
      nonzero = new int[widest];
      dots = new int[shape.classes()];
      scores = new double[shape.classes()];
      factors = new double[shape.classes()];
      cache = new double[SampleReward.cacheSize(shape.classes())];
    }
  }

  private static long[] layerInput(Pass p, int layer) {
    return layer == 0 ? p.input : p.activations[layer - 1];
  }

  /**
   * The reward of sample b after its layer-k input (k ≥ 1) changes by the XOR mask
   * {@code s.mask[k]}, every threshold held. With {@code commit} the new dots, activations,
   * reward and prediction are written into the pass; the masks are left zero either way.
   */
  double propagate(BitNet net, Pass p, int b, int k, Scratch s, boolean commit) {
    int layers = net.layers();
    long batch = p.batch;
    for (int l = k; ; l++) {
      long[] mask = s.mask[l];
      int rl = net.rowLongs(l);
      int nnz = 0;
      for (int t = 0; t < rl; t++) {
        if (mask[t] != 0) {
          s.nonzero[nnz++] = t;
        }
      }
      long[] x = p.activations[l - 1];
      int xOff = b * rl;
      long[] rows = net.rows(l);
      int outputs = net.outputs(l);
      int[] z = p.z[l];
      int zOff = b * outputs;
      long[] thresholds = p.thresholds[l];
      if (l == layers - 1) {
        double[] scale = p.centering.outputScale();
        boolean factored = !commit && reward == SampleReward.NEG_CE;
        for (int c = 0; c < outputs; c++) {
          int dz = dotChange(x, xOff, rows, c * rl, mask, s.nonzero, nnz);
          s.dots[c] = z[zOff + c] + dz;
          s.scores[c] = (batch * s.dots[c] - thresholds[c]) * scale[c];
          if (factored) {
            double f = dz == 0 ? 1 : p.centering.expStep(c, dz / 2);
            if (Double.isNaN(f)) {
              factored = false;
            }
            s.factors[c] = f;
          }
        }
        int label = p.labels[b];
        double r = factored
            ? SampleReward.negCeMoved(p.exps, b * outputs, p.maxScore[b], s.factors, outputs, s.scores[label])
            : commit && reward == SampleReward.NEG_CE
                ? SampleReward.negCe(s.scores, outputs, label, p.exps, b * outputs, p.maxScore, b)
                : reward.value(s.scores, outputs, label);
        if (commit) {
          System.arraycopy(s.dots, 0, z, zOff, outputs);
          p.reward[b] = r;
          p.predicted[b] = SampleReward.argmax(s.scores, outputs);
          applyMask(x, xOff, mask, s.nonzero, nnz);
        }
        clearMask(mask, s.nonzero, nnz);
        return r;
      }
      long[] next = s.mask[l + 1];
      long[] a = p.activations[l];
      int aOff = b * net.rowLongs(l + 1);
      boolean changed = false;
      for (int o = 0; o < outputs; o++) {
        int dz = dotChange(x, xOff, rows, o * rl, mask, s.nonzero, nnz);
        if (dz == 0) {
          continue;
        }
        int zNew = z[zOff + o] + dz;
        boolean negativeNew = batch * zNew - thresholds[o] - p.centering.noise(l, b, o, outputs) < 0;
        boolean negativeOld = ((a[aOff + (o >>> 6)] >>> (o & 63)) & 1L) != 0;
        if (commit) {
          z[zOff + o] = zNew;
        }
        if (negativeNew != negativeOld) {
          next[o >>> 6] |= 1L << (o & 63);
          changed = true;
        }
      }
      if (commit) {
        applyMask(x, xOff, mask, s.nonzero, nnz);
      }
      clearMask(mask, s.nonzero, nnz);
      if (!changed) {
        return p.reward[b];
      }
    }
  }

  /** z' − z of one neuron when its input words change by {@code mask} (only the listed words). */
  private static int dotChange(long[] x, int xOff, long[] rows, int wOff, long[] mask, int[] nonzero, int nnz) {
    int dpop = 0;
    for (int q = 0; q < nnz; q++) {
      int t = nonzero[q];
      long xw = x[xOff + t] ^ rows[wOff + t];
      dpop += Long.bitCount(xw ^ mask[t]) - Long.bitCount(xw);
    }
    return -2 * dpop;
  }

  private static void applyMask(long[] x, int xOff, long[] mask, int[] nonzero, int nnz) {
    for (int q = 0; q < nnz; q++) {
      x[xOff + nonzero[q]] ^= mask[nonzero[q]];
    }
  }

  private static void clearMask(long[] mask, int[] nonzero, int nnz) {
    for (int q = 0; q < nnz; q++) {
      mask[nonzero[q]] = 0;
    }
  }

  /** Whether m_bj of hidden neuron j is within reach of one flip (otherwise no flip of its weights changes its sign). */
  private static boolean near(long m, long reach) {
    return m >= -reach && m < reach;
  }

  /**
   * D for every hidden layer l: {@code d[l][b·outputs(l) + j]} = r_b with activation (b, j) of
   * layer l flipped − r_b, for the pairs within reach, 0 elsewhere. Split over samples.
   */
  public void activationDeltas(BitNet net, Pass p, double[][] d) {
    activationDeltas(net, p, d, 0);
  }

  /**
   * As above, for the pairs within reach and also those whose margin is within {@code spreads}
   * standard deviations of the threshold, |m_bj| &lt; spreads·B·σ_j (the credit of stochastic units).
   */
  public void activationDeltas(BitNet net, Pass p, double[][] d, double spreads) {
    int layers = net.layers();
    long batch = p.batch;
    Parallel.range(p.batch, 8, (from, to) -> {
      Scratch s = new Scratch(net);
      for (int b = from; b < to; b++) {
        for (int l = 0; l + 1 < layers; l++) {
          int outputs = net.outputs(l);
          long reach = p.centering.reach(l);
          long[] thresholds = p.thresholds[l];
          int[] z = p.z[l];
          double[] dl = d[l];
          long[] eta = p.centering.noise(l);
          double[] sigma = p.centering.spread(l);
          for (int j = 0; j < outputs; j++) {
            long m = batch * z[b * outputs + j] - thresholds[j] - (eta == null ? 0 : eta[b * outputs + j]);
            if (!near(m, reach) && !(Math.abs((double) m) < spreads * batch * sigma[j])) {
              dl[b * outputs + j] = 0;
              continue;
            }
            s.mask[l + 1][j >>> 6] = 1L << (j & 63);
            dl[b * outputs + j] = propagate(net, p, b, l + 1, s, false) - p.reward[b];
          }
        }
      }
    });
  }

  /**
   * ΔR of every single flip: {@code delta[l][j·inputs(l) + i]} = Σ_b r_b(w_ji of layer l flipped) − r_b,
   * from the activation deltas {@code d} of {@link #activationDeltas} for the hidden layers.
   */
  public void flipDeltas(BitNet net, Pass p, double[][] d, double[][] delta) {
    int layers = net.layers();
    for (int l = 0; l + 1 < layers; l++) {
      int layer = l;
      Parallel.range(net.outputs(l), 1, (from, to) -> {
        long[] up = new long[net.inputs(layer)];
        long[] down = new long[net.inputs(layer)];
        for (int j = from; j < to; j++) {
          hiddenRow(net, p, layer, j, d[layer], delta[layer], up, down);
        }
      });
    }
    outputDeltas(net, p, delta[layers - 1]);
  }

  /** Both steps: D, then every flip's ΔR. */
  public void allFlips(BitNet net, Pass p, double[][] d, double[][] delta) {
    activationDeltas(net, p, d);
    flipDeltas(net, p, d, delta);
  }

  private static void hiddenRow(BitNet net, Pass p, int l, int j, double[] d, double[] delta, long[] up, long[] down) {
    int fanIn = net.inputs(l);
    int outputs = net.outputs(l);
    int rl = net.rowLongs(l);
    long batch = p.batch;
    int[] sums = p.centering.columnSums(l);
    long[] rows = net.rows(l);
    int wOff = j * rl;
    for (int i = 0; i < fanIn; i++) {
      long ws = net.negative(l, j, i) ? -sums[i] : sums[i];
      up[i] = 2 * (batch - ws);
      down[i] = -2 * (batch + ws);
    }
    int row = j * fanIn;
    java.util.Arrays.fill(delta, row, row + fanIn, 0.0);
    long reach = p.centering.reach(l);
    long threshold = p.thresholds[l][j];
    long[] x = layerInput(p, l);
    int[] z = p.z[l];
    long[] eta = p.centering.noise(l);
    for (int b = 0; b < p.batch; b++) {
      long m = batch * z[b * outputs + j] - threshold - (eta == null ? 0 : eta[b * outputs + j]);
      double db = d[b * outputs + j];
      if (db == 0 || !near(m, reach)) {
        continue;
      }
      int xOff = b * rl;
      if (m >= 0) {
        // a = +1: flipping w_ji lowers m by 2(B − w·S_i) where x_bi = w_ji
        for (int t = 0; t < rl; t++) {
          long same = ~(x[xOff + t] ^ rows[wOff + t]) & validBits(fanIn, t);
          while (same != 0) {
            int i = (t << 6) + Long.numberOfTrailingZeros(same);
            if (m < up[i]) {
              delta[row + i] += db;
            }
            same &= same - 1;
          }
        }
      } else {
        // a = −1: flipping w_ji raises m by 2(B + w·S_i) where x_bi ≠ w_ji
        for (int t = 0; t < rl; t++) {
          long differ = (x[xOff + t] ^ rows[wOff + t]) & validBits(fanIn, t);
          while (differ != 0) {
            int i = (t << 6) + Long.numberOfTrailingZeros(differ);
            if (m >= down[i]) {
              delta[row + i] += db;
            }
            differ &= differ - 1;
          }
        }
      }
    }
  }

  /** The bits of word t that hold one of the {@code width} elements. */
  private static long validBits(int width, int t) {
    int left = width - (t << 6);
    return left >= 64 ? -1L : (1L << left) - 1;
  }

  /** ΔR of every output-layer flip: class c's margin moves by −2(B·e − w_ci·S_i), e = x_bi·w_ci. */
  public void outputDeltas(BitNet net, Pass p, double[] delta) {
    int l = net.layers() - 1;
    int classes = net.classes();
    int fanIn = net.inputs(l);
    int rl = net.rowLongs(l);
    long batch = p.batch;
    int[] sums = p.centering.columnSums(l);
    double[] scale = p.centering.outputScale();
    long[] rows = net.rows(l);
    long[] x = layerInput(p, l);
    // margin moves per (class, input, e = +1 / −1) and the exponentials of the score moves, shared by all samples
    long[] moveSame = new long[classes * fanIn];
    long[] moveDiffer = new long[classes * fanIn];
    double[] expSame = new double[classes * fanIn];
    double[] expDiffer = new double[classes * fanIn];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < fanIn; i++) {
        long ws = net.negative(l, c, i) ? -sums[i] : sums[i];
        moveSame[c * fanIn + i] = -2 * (batch - ws);
        moveDiffer[c * fanIn + i] = -2 * (-batch - ws);
        expSame[c * fanIn + i] = Math.exp(moveSame[c * fanIn + i] * scale[c]);
        expDiffer[c * fanIn + i] = Math.exp(moveDiffer[c * fanIn + i] * scale[c]);
      }
    }
    java.util.Arrays.fill(delta, 0, classes * fanIn, 0.0);
    Parallel.range(classes, 1, (from, to) -> {
      double[] scores = new double[classes];
      long[] margins = new long[classes];
      double[] cache = new double[SampleReward.cacheSize(classes)];
      for (int b = 0; b < p.batch; b++) {
        int label = p.labels[b];
        for (int c = 0; c < classes; c++) {
          margins[c] = batch * p.z[l][b * classes + c] - p.thresholds[l][c];
          scores[c] = margins[c] * scale[c];
        }
        reward.cache(scores, classes, label, cache);
        double base = p.reward[b];
        int xOff = b * rl;
        for (int c = from; c < to; c++) {
          int row = c * fanIn;
          for (int t = 0; t < rl; t++) {
            long differ = x[xOff + t] ^ rows[c * rl + t];
            int end = Math.min(64, fanIn - (t << 6));
            for (int k = 0; k < end; k++) {
              int i = (t << 6) + k;
              boolean same = ((differ >>> k) & 1L) == 0;
              long move = same ? moveSame[row + i] : moveDiffer[row + i];
              if (move == 0) {
                continue;
              }
              double e = same ? expSame[row + i] : expDiffer[row + i];
              double moved = (margins[c] + move) * scale[c];
              delta[row + i] += reward.withClassMoved(scores, cache, classes, label, c, moved, e) - base;
            }
          }
        }
      }
    });
  }

  /** ΔR of flipping weight (j, i) of layer l alone (the pass is left as it was). */
  public double flipDelta(BitNet net, Pass p, int l, int j, int i, Scratch s) {
    long batch = p.batch;
    int rl = net.rowLongs(l);
    int outputs = net.outputs(l);
    long ws = net.negative(l, j, i) ? -p.centering.columnSums(l)[i] : p.centering.columnSums(l)[i];
    boolean wNegative = net.negative(l, j, i);
    long[] x = layerInput(p, l);
    long threshold = p.thresholds[l][j];
    int[] z = p.z[l];
    boolean output = l == net.layers() - 1;
    double sum = 0;
    for (int b = 0; b < p.batch; b++) {
      boolean xNegative = ((x[b * rl + (i >>> 6)] >>> (i & 63)) & 1L) != 0;
      long e = xNegative == wNegative ? 1 : -1;
      long move = -2 * (batch * e - ws);
      if (move == 0) {
        continue;
      }
      long m = batch * z[b * outputs + j] - threshold;
      if (output) {
        sum += classMoved(p, b, j, m + move, s) - p.reward[b];
        continue;
      }
      m -= p.centering.noise(l, b, j, outputs);
      if ((m >= 0) != (m + move >= 0)) {
        s.mask[l + 1][j >>> 6] = 1L << (j & 63);
        sum += propagate(net, p, b, l + 1, s, false) - p.reward[b];
      }
    }
    return sum;
  }

  /** The reward of sample b with class c's margin set to {@code margin}, every other score as in the pass. */
  private double classMoved(Pass p, int b, int c, long margin, Scratch s) {
    int l = p.shape.layers() - 1;
    int classes = p.shape.classes();
    double[] scale = p.centering.outputScale();
    long batch = p.batch;
    for (int k = 0; k < classes; k++) {
      s.scores[k] = (batch * p.z[l][b * classes + k] - p.thresholds[l][k]) * scale[k];
    }
    s.scores[c] = margin * scale[c];
    return reward.value(s.scores, classes, p.labels[b]);
  }

  /**
   * Flips weight (j, i) of layer l in {@code net} and updates the pass to the flipped network's
   * forward (thresholds held, neuron j's moving with its weight), touching only the samples and
   * neurons that change.
   */
  public void applyFlip(BitNet net, Pass p, int l, int j, int i, Scratch s) {
    long batch = p.batch;
    int rl = net.rowLongs(l);
    int outputs = net.outputs(l);
    boolean wNegative = net.negative(l, j, i);
    long si = p.centering.columnSums(l)[i];
    long[] x = layerInput(p, l);
    // T_j = Σ w·S moves by −2·w_old·S_i
    p.thresholds[l][j] -= 2 * (wNegative ? -si : si);
    net.flip(l, j, i);
    long threshold = p.thresholds[l][j];
    int[] z = p.z[l];
    boolean output = l == net.layers() - 1;
    for (int b = 0; b < p.batch; b++) {
      boolean xNegative = ((x[b * rl + (i >>> 6)] >>> (i & 63)) & 1L) != 0;
      int zNew = z[b * outputs + j] - 2 * (xNegative == wNegative ? 1 : -1);
      z[b * outputs + j] = zNew;
      if (output) {
        rescore(p, b, s);
        continue;
      }
      boolean negativeNew = batch * zNew - threshold - p.centering.noise(l, b, j, outputs) < 0;
      long[] a = p.activations[l];
      int aOff = b * net.rowLongs(l + 1);
      boolean negativeOld = ((a[aOff + (j >>> 6)] >>> (j & 63)) & 1L) != 0;
      if (negativeNew != negativeOld) {
        s.mask[l + 1][j >>> 6] = 1L << (j & 63);
        propagate(net, p, b, l + 1, s, true);
      }
    }
  }

  private void rescore(Pass p, int b, Scratch s) {
    int l = p.shape.layers() - 1;
    int classes = p.shape.classes();
    double[] scale = p.centering.outputScale();
    long batch = p.batch;
    for (int k = 0; k < classes; k++) {
      s.scores[k] = (batch * p.z[l][b * classes + k] - p.thresholds[l][k]) * scale[k];
    }
    p.reward[b] = reward == SampleReward.NEG_CE
        ? SampleReward.negCe(s.scores, classes, p.labels[b], p.exps, b * classes, p.maxScore, b)
        : reward.value(s.scores, classes, p.labels[b]);
    p.predicted[b] = SampleReward.argmax(s.scores, classes);
  }

  /**
   * ΔR of replacing row j of layer l by {@code row} (⌈inputs/64⌉ longs, padding 0), every
   * other weight and threshold held (the pass is left as it was): the counterfactual of a
   * neuron agent.
   */
  public double rowDelta(BitNet net, Pass p, int l, int j, long[] row, Scratch s) {
    long batch = p.batch;
    int rl = net.rowLongs(l);
    int fanIn = net.inputs(l);
    int outputs = net.outputs(l);
    int[] sums = p.centering.columnSums(l);
    long total = 0;
    long negative = 0;
    for (int i = 0; i < fanIn; i++) {
      total += sums[i];
      if (((row[i >>> 6] >>> (i & 63)) & 1L) != 0) {
        negative += sums[i];
      }
    }
    long threshold = total - 2 * negative;
    long[] x = layerInput(p, l);
    boolean output = l == net.layers() - 1;
    double sum = 0;
    for (int b = 0; b < p.batch; b++) {
      int pop = 0;
      for (int t = 0; t < rl; t++) {
        pop += Long.bitCount(x[b * rl + t] ^ row[t]);
      }
      long m = batch * (fanIn - 2L * pop) - threshold;
      if (output) {
        long old = batch * p.z[l][b * outputs + j] - p.thresholds[l][j];
        if (m != old) {
          sum += classMoved(p, b, j, m, s) - p.reward[b];
        }
        continue;
      }
      long[] a = p.activations[l];
      boolean negativeOld = ((a[b * net.rowLongs(l + 1) + (j >>> 6)] >>> (j & 63)) & 1L) != 0;
      if ((m - p.centering.noise(l, b, j, outputs) < 0) != negativeOld) {
        s.mask[l + 1][j >>> 6] = 1L << (j & 63);
        sum += propagate(net, p, b, l + 1, s, false) - p.reward[b];
      }
    }
    return sum;
  }
}
