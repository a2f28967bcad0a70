package io.onebit.trainer.method.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.method.rl.bitnet.Centering;
import io.onebit.trainer.method.rl.bitnet.Pass;
import io.onebit.trainer.method.rl.bitnet.SampleReward;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.quant.PlainSign;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy-gradient estimator is unbiased: on networks small enough to enumerate (10 and 4
 * binary weights), the exact gradient ∇J = Σ_w π(w)·R(w)·([w = +1] − p) is compared with the
 * estimator's exact expectation Σ π(population)·ĝ(population) over every population the policy
 * can draw, for every agent × baseline combination and for antithetic pairs (whose per-weight
 * joint law is P(+,+) = max(0, 2p − 1), P(+,−) = P(−,+) = min(p, 1 − p), P(−,−) = max(0, 1 − 2p)).
 * A Monte Carlo run of the real sampler checks the draws themselves.
 */
class PolicyGradientTest {
  private static final int BATCH = 6;

  /** A tiny problem: widths, logits away from ½, a fixed batch and the mode's thresholds. */
  private static final class Problem {
    final BitNet shape;
    final int weights;
    final float[][] p;
    final BitNet mode;
    final long[] input;
    final int[] labels;
    final Centering centering;
    final BitEvaluator evaluator;
    final double[] reward;
    final SampleReward kind;

    Problem(SampleReward kind, long seed, int... widths) {
      this.kind = kind;
      Random random = new Random(seed);
      shape = new BitNet(widths);
      weights = (int) shape.weights();
      p = new float[shape.layers()][];
      mode = shape.copy();
      for (int l = 0; l < shape.layers(); l++) {
        p[l] = new float[shape.outputs(l) * shape.inputs(l)];
        for (int k = 0; k < p[l].length; k++) {
          float theta = (random.nextFloat() * 2 - 1) * 1.5f;
          p[l][k] = (float) (1 / (1 + Math.exp(-theta)));
          if (theta < 0) {
            mode.flip(l, k / shape.inputs(l), k % shape.inputs(l));
          }
        }
      }
      int rl = shape.rowLongs(0);
      input = new long[BATCH * rl];
      labels = new int[BATCH];
      for (int b = 0; b < BATCH; b++) {
        for (int i = 0; i < widths[0]; i++) {
          if (random.nextBoolean()) {
            input[b * rl] |= 1L << i;
          }
        }
        labels[b] = random.nextInt(shape.classes());
      }
      evaluator = new BitEvaluator(kind, false);
      centering = evaluator.center(mode, input, labels, BATCH, new Pass(shape, BATCH));
      // every network's R, where there are few enough to enumerate
      reward = new double[weights <= 16 ? 1 << weights : 0];
      for (int code = 0; code < reward.length; code++) {
        BitNet w = net(code);
        Pass pass = new Pass(shape, BATCH);
        evaluator.forward(w, centering, input, labels, BATCH, pass);
        reward[code] = pass.rewardSum() / BATCH;
      }
    }

    /** The network whose bit k (in layer-major weight order) is set where weight k is −1. */
    BitNet net(int code) {
      BitNet w = shape.copy();
      int k = 0;
      for (int l = 0; l < shape.layers(); l++) {
        for (int j = 0; j < shape.outputs(l); j++) {
          for (int i = 0; i < shape.inputs(l); i++, k++) {
            if ((code >>> k & 1) != 0) {
              w.flip(l, j, i);
            }
          }
        }
      }
      return w;
    }

    double probability(int k, boolean plus) {
      double q = prob(k);
      return plus ? q : 1 - q;
    }

    double prob(int k) {
      for (int l = 0; l < shape.layers(); l++) {
        if (k < p[l].length) {
          return p[l][k];
        }
        k -= p[l].length;
      }
      throw new IllegalArgumentException();
    }

    double probabilityOf(int code) {
      double q = 1;
      for (int k = 0; k < weights; k++) {
        q *= probability(k, (code >>> k & 1) == 0);
      }
      return q;
    }

    /** P(w = a, w' = b) of one weight of an antithetic pair. */
    double pairProbability(int k, boolean aPlus, boolean bPlus) {
      double q = prob(k);
      if (aPlus && bPlus) {
        return Math.max(0, 2 * q - 1);
      }
      if (!aPlus && !bPlus) {
        return Math.max(0, 1 - 2 * q);
      }
      return Math.min(q, 1 - q);
    }

    double[] exactGradient() {
      double[] g = new double[weights];
      for (int code = 0; code < reward.length; code++) {
        double q = probabilityOf(code);
        for (int k = 0; k < weights; k++) {
          double plus = (code >>> k & 1) == 0 ? 1 : 0;
          g[k] += q * reward[code] * (plus - prob(k));
        }
      }
      return g;
    }

    double[][] zero() {
      double[][] g = new double[shape.layers()][];
      for (int l = 0; l < shape.layers(); l++) {
        g[l] = new double[p[l].length];
      }
      return g;
    }

    static double[] flat(double[][] g) {
      int n = 0;
      for (double[] gl : g) {
        n += gl.length;
      }
      double[] out = new double[n];
      int k = 0;
      for (double[] gl : g) {
        for (double v : gl) {
          out[k++] = v;
        }
      }
      return out;
    }
  }

  /** E[ĝ] over every population of {@code n} independent draws. */
  private static double[] expectation(Problem q, Agents agents, Baseline baseline, int n, double movingAverage) {
    PolicyGradient estimator = new PolicyGradient(agents, baseline, q.evaluator, q.shape, BATCH, n);
    double[] mean = new double[q.weights];
    int networks = 1 << q.weights;
    int[] codes = new int[n];
    BitNet[] members = new BitNet[n];
    double[] rewards = new double[n];
    long combos = 1;
    for (int k = 0; k < n; k++) {
      combos *= networks;
    }
    for (long c = 0; c < combos; c++) {
      long rest = c;
      double prob = 1;
      for (int k = 0; k < n; k++) {
        codes[k] = (int) (rest % networks);
        rest /= networks;
        members[k] = q.net(codes[k]);
        prob *= q.probabilityOf(codes[k]);
      }
      double[][] g = q.zero();
      estimator.accumulate(q.mode, members, n, false, q.centering, q.input, q.labels, BATCH, q.p, movingAverage, g,
          rewards);
      double[] flat = Problem.flat(g);
      for (int k = 0; k < q.weights; k++) {
        mean[k] += prob * flat[k];
      }
    }
    return mean;
  }

  /** E[ĝ] over every population of {@code pairs} independent antithetic pairs. */
  private static double[] antitheticExpectation(Problem q, Agents agents, Baseline baseline, int pairs) {
    return antitheticExpectation(q, agents, baseline, pairs, true);
  }

  /** As above; {@code paired} false hides the pairing from the estimator (its batch mean then includes the twin). */
  private static double[] antitheticExpectation(Problem q, Agents agents, Baseline baseline, int pairs,
      boolean paired) {
    int n = 2 * pairs;
    PolicyGradient estimator = new PolicyGradient(agents, baseline, q.evaluator, q.shape, BATCH, n);
    double[] mean = new double[q.weights];
    int perPair = 1 << (2 * q.weights);
    long combos = 1;
    for (int k = 0; k < pairs; k++) {
      combos *= perPair;
    }
    BitNet[] members = new BitNet[n];
    double[] rewards = new double[n];
    for (long c = 0; c < combos; c++) {
      long rest = c;
      double prob = 1;
      for (int k = 0; k < pairs; k++) {
        int code = (int) (rest % perPair);
        rest /= perPair;
        int a = code & ((1 << q.weights) - 1);
        int b = code >>> q.weights;
        for (int i = 0; i < q.weights; i++) {
          prob *= q.pairProbability(i, (a >>> i & 1) == 0, (b >>> i & 1) == 0);
        }
        members[2 * k] = q.net(a);
        members[2 * k + 1] = q.net(b);
      }
      if (prob == 0) {
        continue;
      }
      double[][] g = q.zero();
      estimator.accumulate(q.mode, members, n, paired, q.centering, q.input, q.labels, BATCH, q.p, 0, g, rewards);
      double[] flat = Problem.flat(g);
      for (int k = 0; k < q.weights; k++) {
        mean[k] += prob * flat[k];
      }
    }
    return mean;
  }

  private static void assertUnbiased(double[] exact, double[] mean, String what) {
    double scale = 0;
    for (double v : exact) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 1e-3, what + ": the exact gradient is not trivially zero (" + scale + ")");
    for (int k = 0; k < exact.length; k++) {
      assertEquals(exact[k], mean[k], 1e-9 * Math.max(1, scale), what + ": weight " + k);
    }
  }

  @ParameterizedTest
  @CsvSource({"independent, counterfactual", "per-neuron, counterfactual", "per-layer, counterfactual",
      "independent, none", "independent, moving-average"})
  void everyEstimatorIsUnbiasedOnAnEnumerableNetwork(String policy, String baseline) {
    for (SampleReward kind : SampleReward.values()) {
      Problem q = new Problem(kind, 7, 3, 2, 2);
      assertUnbiased(q.exactGradient(), expectation(q, Agents.named(policy), Baseline.named(baseline), 1, -0.8),
          policy + "/" + baseline + "/" + kind);
    }
  }

  @Test
  void theLeaveOneOutBatchMeanIsUnbiased() {
    Problem q = new Problem(SampleReward.NEG_CE, 3, 2, 1, 2);
    assertUnbiased(q.exactGradient(), expectation(q, Agents.INDEPENDENT, Baseline.BATCH_MEAN, 2, 0), "batch-mean");
  }

  @ParameterizedTest
  @CsvSource({"independent, counterfactual, 1", "per-neuron, counterfactual, 1", "independent, none, 1",
      "independent, batch-mean, 2"})
  void antitheticPairsKeepEveryEstimatorUnbiased(String policy, String baseline, int pairs) {
    Problem q = new Problem(SampleReward.NEG_CE, 5, 2, 1, 2);
    assertUnbiased(q.exactGradient(), antitheticExpectation(q, Agents.named(policy), Baseline.named(baseline), pairs),
        "antithetic " + policy + "/" + baseline);
  }

  @Test
  void theEnumerationDetectsABiasedBaseline() {
    // with the pairing hidden, each network's batch mean includes its antithetic twin, which is
    // correlated with it: E[R_twin·∇log π(w)] ≠ 0, and the enumeration must see it
    Problem q = new Problem(SampleReward.NEG_CE, 5, 2, 1, 2);
    double[] exact = q.exactGradient();
    double[] biased = antitheticExpectation(q, Agents.INDEPENDENT, Baseline.BATCH_MEAN, 2, false);
    double worst = 0;
    for (int k = 0; k < exact.length; k++) {
      worst = Math.max(worst, Math.abs(exact[k] - biased[k]));
    }
    assertTrue(worst > 1e-4, "bias of a baseline that includes the twin: " + worst);
    assertEquals(3.5, PolicyGradient.leaveOut(new double[] {1, 2, 3, 4}, 10, 4, 1, true));
    assertEquals(8 / 3.0, PolicyGradient.leaveOut(new double[] {1, 2, 3, 4}, 10, 4, 1, false));
  }

  /** Per-sample rewards of {@code w} with unit (layer, b, j) flipped (layer −1: none), computed the plain way. */
  private static double[] naiveRewards(Problem q, BitNet w, int layer, int flipB, int flipJ) {
    double[] out = new double[BATCH];
    int classes = w.classes();
    for (int b = 0; b < BATCH; b++) {
      int[] x = new int[w.inputs(0)];
      for (int i = 0; i < x.length; i++) {
        x[i] = ((q.input[b * w.rowLongs(0) + (i >>> 6)] >>> (i & 63)) & 1L) != 0 ? -1 : 1;
      }
      double[] scores = new double[classes];
      for (int l = 0; l < w.layers(); l++) {
        int[] y = new int[w.outputs(l)];
        for (int j = 0; j < y.length; j++) {
          long z = 0;
          long t = 0;
          for (int i = 0; i < x.length; i++) {
            z += (long) w.weight(l, j, i) * x[i];
            t += (long) w.weight(l, j, i) * q.centering.columnSums(l)[i];
          }
          long m = (long) BATCH * z - t;
          if (l == w.layers() - 1) {
            scores[j] = m * q.centering.outputScale()[j];
          } else {
            y[j] = (m >= 0 ? 1 : -1) * (l == layer && b == flipB && j == flipJ ? -1 : 1);
          }
        }
        x = y;
      }
      out[b] = q.kind.value(scores, classes, q.labels[b]);
    }
    return out;
  }

  @Test
  void unitAgentsCreditEachWeightThroughItsUnit() {
    double tau = 0.7;
    Problem q = new Problem(SampleReward.NEG_CE, 11, 5, 3, 3, 2);
    BitNet w = q.mode.copy();
    w.flip(0, 1, 2);
    w.flip(1, 0, 1);
    PolicyGradient estimator = new PolicyGradient(Agents.UNITS, Baseline.COUNTERFACTUAL, q.evaluator, q.shape, BATCH,
        1, tau);
    double[][] g = q.zero();
    estimator.accumulate(q.mode, new BitNet[] {w}, 1, false, q.centering, q.input, q.labels, BATCH, q.p, 0, g,
        new double[1]);
    double[] base = naiveRewards(q, w, -1, 0, 0);
    int nonzero = 0;
    for (int l = 0; l + 1 < w.layers(); l++) {
      double[] sigma = q.centering.spread(l);
      for (int j = 0; j < w.outputs(l); j++) {
        double[] credit = new double[BATCH];
        double[] u = new double[BATCH];
        for (int b = 0; b < BATCH; b++) {
          long z = 0;
          long t = 0;
          // the unit's margin, recomputed from the plain forward of its layer input
          int[] x = layerInput(q, w, l, b);
          for (int i = 0; i < x.length; i++) {
            z += (long) w.weight(l, j, i) * x[i];
            t += (long) w.weight(l, j, i) * q.centering.columnSums(l)[i];
          }
          long m = (long) BATCH * z - t;
          u[b] = m / (BATCH * sigma[j]) / tau;
          double flipped = naiveRewards(q, w, l, b, j)[b];
          credit[b] = m >= 0 ? base[b] - flipped : flipped - base[b];
        }
        for (int i = 0; i < w.inputs(l); i++) {
          double xbar = q.centering.columnSums(l)[i] / (double) BATCH;
          double sum = 0;
          for (int b = 0; b < BATCH; b++) {
            double sig = 1 / (1 + Math.exp(-u[b]));
            sum += credit[b] * sig * (1 - sig) / (tau * sigma[j]) * 2 * (layerInput(q, w, l, b)[i] - xbar);
          }
          int k = j * w.inputs(l) + i;
          double expected = q.p[l][k] * (1 - q.p[l][k]) * sum / BATCH;
          assertEquals(expected, g[l][k], 1e-6 * Math.abs(expected) + 1e-12, "layer " + l + " w[" + j + "][" + i + "]");
          nonzero += expected != 0 ? 1 : 0;
        }
      }
    }
    assertTrue(nonzero > 10, "weights with credit: " + nonzero);
  }

  /** The ±1 input of layer l for sample b in the plain forward of {@code w}. */
  private static int[] layerInput(Problem q, BitNet w, int layer, int b) {
    int[] x = new int[w.inputs(0)];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((q.input[b * w.rowLongs(0) + (i >>> 6)] >>> (i & 63)) & 1L) != 0 ? -1 : 1;
    }
    for (int l = 0; l < layer; l++) {
      int[] y = new int[w.outputs(l)];
      for (int j = 0; j < y.length; j++) {
        long z = 0;
        long t = 0;
        for (int i = 0; i < x.length; i++) {
          z += (long) w.weight(l, j, i) * x[i];
          t += (long) w.weight(l, j, i) * q.centering.columnSums(l)[i];
        }
        y[j] = (long) BATCH * z - t >= 0 ? 1 : -1;
      }
      x = y;
    }
    return x;
  }

  @Test
  void theSamplerDrawsThePolicyAndItsAntitheticTwin() {
    Network network = NetworkBuilder.build(Architecture.mlp("tiny", 2), new TensorShape(1, 3, 1), 2,
        new InputEncoding.Threshold(128), new PlainSign(), false, new Random(1));
    BernoulliPolicy policy = new BernoulliPolicy(network, 6f, false);
    Problem q = new Problem(SampleReward.NEG_CE, 7, 3, 2, 2);
    for (int l = 0; l < q.p.length; l++) {
      for (int k = 0; k < q.p[l].length; k++) {
        double pk = q.p[l][k];
        policy.logits(l)[k] = (float) Math.log(pk / (1 - pk));
      }
    }
    policy.updateProbabilities();
    BitNet a = q.shape.copy();
    BitNet b = q.shape.copy();
    SplittableRandom random = new SplittableRandom(3);
    int draws = 200_000;
    long[] plusA = new long[q.weights];
    long[] plusB = new long[q.weights];
    long[] both = new long[q.weights];
    for (int d = 0; d < draws; d++) {
      policy.sample(a, b, random);
      int k = 0;
      for (int l = 0; l < q.shape.layers(); l++) {
        for (int j = 0; j < q.shape.outputs(l); j++) {
          for (int i = 0; i < q.shape.inputs(l); i++, k++) {
            boolean pa = !a.negative(l, j, i);
            boolean pb = !b.negative(l, j, i);
            plusA[k] += pa ? 1 : 0;
            plusB[k] += pb ? 1 : 0;
            both[k] += pa && pb ? 1 : 0;
          }
        }
      }
    }
    for (int k = 0; k < q.weights; k++) {
      double pk = policy.probabilities(k < 6 ? 0 : 1)[k < 6 ? k : k - 6];
      double se = Math.sqrt(pk * (1 - pk) / draws);
      assertEquals(pk, plusA[k] / (double) draws, 5 * se, "P(w = +1) of weight " + k);
      assertEquals(pk, plusB[k] / (double) draws, 5 * se, "P(w' = +1) of weight " + k);
      assertEquals(Math.max(0, 2 * pk - 1), both[k] / (double) draws, 5 * se + 1e-9, "P(w = w' = +1) of weight " + k);
    }
  }
}
