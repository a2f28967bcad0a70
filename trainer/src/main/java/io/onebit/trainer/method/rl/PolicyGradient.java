package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.method.rl.bitnet.Centering;
import io.onebit.trainer.method.rl.bitnet.FlipEvaluator;
import io.onebit.trainer.method.rl.bitnet.Pass;
import io.onebit.trainer.math.Gemm;

/**
 * The policy-gradient estimate ∇_θ J, J(θ) = E_{w∼π_θ}[R(w)], from a population of networks
 * drawn from the policy, for every {@link Agents} × {@link Baseline} combination (the formulas
 * are there). R(w) is a network's mean reward on the batch with the generation's thresholds
 * ({@link Centering}); every term is averaged over the population. Nothing here draws: the
 * population is given, so the estimate's expectation can be checked by enumeration.
 */
final class PolicyGradient {
  private final Agents agents;
  private final Baseline baseline;
  private final BitEvaluator evaluator;
  private final FlipEvaluator flips;
  private final Pass pass;
  private final FlipEvaluator.Scratch scratch;
  private final double[][] activationDeltas;
  private final double[][] flipDeltas;
  private final BitNet counterfactual;
  private final long[] row;
  private final double[] sums;
  private final int[] correct;
  private final double temperature;
  private float[] unitCredit = new float[0];
  private float[] inputs = new float[0];
  private float[] product = new float[0];
  /** Units are credited within this many temperatures of their threshold (σ'(6) ≈ 0.25 %). */
  static final double WINDOW = 6;

  /** Buffers for networks shaped like {@code shape} on batches of up to {@code capacity} samples. */
  PolicyGradient(Agents agents, Baseline baseline, BitEvaluator evaluator, BitNet shape, int capacity, int population) {
    this(agents, baseline, evaluator, shape, capacity, population, 0);
  }

  /** @param temperature τ of the units ({@link Agents#UNITS}) */
  PolicyGradient(Agents agents, Baseline baseline, BitEvaluator evaluator, BitNet shape, int capacity, int population,
      double temperature) {
    this.temperature = temperature;
    this.agents = agents;
    this.baseline = baseline;
    this.evaluator = evaluator;
    this.flips = new FlipEvaluator(evaluator.reward());
    this.pass = new Pass(shape, capacity);
    this.scratch = new FlipEvaluator.Scratch(shape);
    int layers = shape.layers();
    activationDeltas = new double[layers][];
    flipDeltas = new double[layers][];
    int widest = 1;
    for (int l = 0; l < layers; l++) {
      activationDeltas[l] = new double[capacity * shape.outputs(l)];
      flipDeltas[l] = new double[shape.outputs(l) * shape.inputs(l)];
      widest = Math.max(widest, shape.rowLongs(l));
    }
    counterfactual = shape.copy();
    row = new long[widest];
    sums = new double[Math.max(1, population)];
    correct = new int[Math.max(1, population)];
  }

  /**
   * Adds (1/n)·Σ_k ĝ(members[k]) to {@code g} (per layer, outputs × inputs, the ascent direction
   * of J) and writes each member's R into {@code rewards}.
   *
   * @param mode the policy's mode (the counterfactual of neuron and layer agents)
   * @param paired members (2k, 2k + 1) are antithetic twins (the batch-mean baseline leaves the pair out)
   * @param p the policy's probabilities p = σ(θ) per layer
   * @param movingAverage b of {@link Baseline#MOVING_AVERAGE}
   */
  void accumulate(BitNet mode, BitNet[] members, int n, boolean paired, Centering c, long[] input, int[] labels,
      int batch, float[][] p, double movingAverage, double[][] g, double[] rewards) {
    if (baseline != Baseline.COUNTERFACTUAL) {
      global(members, n, paired, c, input, labels, batch, p, movingAverage, g, rewards);
      return;
    }
    for (int k = 0; k < n; k++) {
      BitNet w = members[k];
      evaluator.forward(w, c, input, labels, batch, pass);
      rewards[k] = pass.rewardSum() / batch;
      switch (agents) {
        case INDEPENDENT -> marginal(w, batch, p, g, 1.0 / n);
        case PER_NEURON -> perNeuron(w, mode, batch, p, g, 1.0 / n);
        case PER_LAYER -> perLayer(w, mode, rewards[k], c, input, labels, batch, p, g, 1.0 / n);
        case UNITS -> units(w, c, batch, p, g, 1.0 / n);
      }
    }
  }

  /** Every agent gets R(w) − b (plain REINFORCE). */
  private void global(BitNet[] members, int n, boolean paired, Centering c, long[] input, int[] labels, int batch,
      float[][] p, double movingAverage, double[][] g, double[] rewards) {
    evaluator.population(members, n, c, input, labels, batch, sums, correct);
    double total = 0;
    for (int k = 0; k < n; k++) {
      rewards[k] = sums[k] / batch;
      total += rewards[k];
    }
    for (int k = 0; k < n; k++) {
      double b = switch (baseline) {
        case NONE -> 0;
        case MOVING_AVERAGE -> movingAverage;
        case BATCH_MEAN -> leaveOut(rewards, total, n, k, paired);
        case COUNTERFACTUAL -> throw new IllegalStateException();
      };
      double advantage = rewards[k] - b;
      for (int l = 0; l < members[k].layers(); l++) {
        score(members[k], l, 0, members[k].outputs(l), p[l], g[l], advantage / n);
      }
    }
  }

  /** Mean R of the members other than k (other than k's antithetic pair when paired). */
  static double leaveOut(double[] rewards, double total, int n, int k, boolean paired) {
    if (!paired) {
      return (total - rewards[k]) / (n - 1);
    }
    int first = k & ~1;
    return (total - rewards[first] - rewards[first + 1]) / (n - 2);
  }

  /** Adds scale·([w = +1] − p) to g for the rows [from, to) of layer l. */
  static void score(BitNet w, int l, int from, int to, float[] p, double[] g, double scale) {
    int fanIn = w.inputs(l);
    int rl = w.rowLongs(l);
    long[] rows = w.rows(l);
    for (int j = from; j < to; j++) {
      for (int t = 0; t < rl; t++) {
        long word = rows[j * rl + t];
        int end = Math.min(64, fanIn - (t << 6));
        int base = j * fanIn + (t << 6);
        for (int k = 0; k < end; k++) {
          double plus = ((word >>> k) & 1L) == 0 ? 1 : 0;
          g[base + k] += scale * (plus - p[base + k]);
        }
      }
    }
  }

  /** Weight agents: p(1 − p)·(R(w_i = +1) − R(w_i = −1)), the flip's ΔR from one incremental pass. */
  private void marginal(BitNet w, int batch, float[][] p, double[][] g, double scale) {
    flips.allFlips(w, pass, activationDeltas, flipDeltas);
    for (int l = 0; l < w.layers(); l++) {
      int fanIn = w.inputs(l);
      double[] delta = flipDeltas[l];
      float[] pl = p[l];
      double[] gl = g[l];
      for (int j = 0; j < w.outputs(l); j++) {
        for (int i = 0; i < fanIn; i++) {
          int k = j * fanIn + i;
          if (delta[k] == 0) {
            continue;
          }
          // R(+1) − R(−1) = −w_i·ΔR(flip)
          double plusMinus = (w.negative(l, j, i) ? delta[k] : -delta[k]) / batch;
          gl[k] += scale * pl[k] * (1 - pl[k]) * plusMinus;
        }
      }
    }
  }

  /** Unit agents (hidden layers) and weight agents (output layer). */
  private void units(BitNet w, Centering c, int batch, float[][] p, double[][] g, double scale) {
    flips.activationDeltas(w, pass, activationDeltas, WINDOW * temperature);
    int last = w.layers() - 1;
    for (int l = 0; l < last; l++) {
      int outputs = w.outputs(l);
      int fanIn = w.inputs(l);
      unitCredit = grow(unitCredit, batch * outputs);
      inputs = grow(inputs, batch * fanIn);
      product = grow(product, outputs * fanIn);
      double[] sigma = c.spread(l);
      double[] d = activationDeltas[l];
      long[] eta = c.noise(l);
      double[] credit = new double[outputs];
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < outputs; j++) {
          int k = b * outputs + j;
          long m = (long) batch * pass.dot(l, b, j) - pass.threshold(l, j) - (eta == null ? 0 : eta[k]);
          double u = m / (batch * sigma[j]) / temperature;
          double q = 1 / (1 + Math.exp(-u));
          // c = R(+1) − R(−1) = −a·D: the unit fires +1 where m ≥ 0
          double counterfactual = m >= 0 ? -d[k] : d[k];
          double gk = counterfactual * q * (1 - q) / (temperature * sigma[j]);
          unitCredit[k] = (float) gk;
          credit[j] += gk;
        }
      }
      long[] x = l == 0 ? pass.input() : pass.activations(l - 1);
      int rl = w.rowLongs(l);
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < fanIn; i++) {
          inputs[b * fanIn + i] = ((x[b * rl + (i >>> 6)] >>> (i & 63)) & 1L) != 0 ? -1f : 1f;
        }
      }
      java.util.Arrays.fill(product, 0, outputs * fanIn, 0f);
      // Σ_b g_bj·x_bi for every (j, i): the float GEMM of the trainer (L = Gᵀ)
      Gemm.multiplyAdd(product, unitCredit, 1, outputs, inputs, outputs, batch, fanIn);
      int[] sums = c.columnSums(l);
      float[] pl = p[l];
      double[] gl = g[l];
      for (int j = 0; j < outputs; j++) {
        for (int i = 0; i < fanIn; i++) {
          int k = j * fanIn + i;
          // (1/B) Σ_b g_bj (x_bi − x̄_i), x̄_i = S_i / B
          double mean = (product[k] - sums[i] / (double) batch * credit[j]) / batch;
          gl[k] += scale * pl[k] * (1 - pl[k]) * 2 * mean;
        }
      }
    }
    double[] delta = flipDeltas[last];
    flips.outputDeltas(w, pass, delta);
    int fanIn = w.inputs(last);
    float[] pl = p[last];
    for (int j = 0; j < w.outputs(last); j++) {
      for (int i = 0; i < fanIn; i++) {
        int k = j * fanIn + i;
        if (delta[k] != 0) {
          double plusMinus = (w.negative(last, j, i) ? delta[k] : -delta[k]) / batch;
          g[last][k] += scale * pl[k] * (1 - pl[k]) * plusMinus;
        }
      }
    }
  }

  private static float[] grow(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[size];
  }

  /** Neuron agents: (R(w) − R(w | row j = mode))·([w = +1] − p) over row j. */
  private void perNeuron(BitNet w, BitNet mode, int batch, float[][] p, double[][] g, double scale) {
    for (int l = 0; l < w.layers(); l++) {
      int rl = w.rowLongs(l);
      long[] rows = w.rows(l);
      long[] modeRows = mode.rows(l);
      for (int j = 0; j < w.outputs(l); j++) {
        if (java.util.Arrays.equals(rows, j * rl, (j + 1) * rl, modeRows, j * rl, (j + 1) * rl)) {
          continue;
        }
        System.arraycopy(modeRows, j * rl, row, 0, rl);
        double credit = -flips.rowDelta(w, pass, l, j, row, scratch) / batch;
        if (credit != 0) {
          score(w, l, j, j + 1, p[l], g[l], scale * credit);
        }
      }
    }
  }

  /** Layer agents: (R(w) − R(w | layer = mode))·([w = +1] − p) over the layer. */
  private void perLayer(BitNet w, BitNet mode, double reward, Centering c, long[] input, int[] labels, int batch,
      float[][] p, double[][] g, double scale) {
    for (int l = 0; l < w.layers(); l++) {
      if (java.util.Arrays.equals(w.rows(l), mode.rows(l))) {
        continue;
      }
      counterfactual.copyFrom(w);
      System.arraycopy(mode.rows(l), 0, counterfactual.rows(l), 0, mode.rows(l).length);
      evaluator.population(new BitNet[] {counterfactual}, 1, c, input, labels, batch, sums, correct);
      double credit = reward - sums[0] / batch;
      if (credit != 0) {
        score(w, l, 0, w.outputs(l), p[l], g[l], scale * credit);
      }
    }
  }
}
