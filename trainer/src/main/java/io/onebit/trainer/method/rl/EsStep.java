package io.onebit.trainer.method.rl;

import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One generation of {@link EsMethod} per batch; its state is the epoch's tallies and whether p was set up. */
final class EsStep implements GradientFreeStep {
  private final MethodContext context;
  private final EsMethod.Config config;
  private final BernoulliPolicy policy;
  private final BitNet shape;
  private final BitEvaluator evaluator;
  private final double[] utilities;
  private final EpochTally tally = new EpochTally("mode_reward", "population_reward", "best_reward");
  private Generation generation;
  private BitNet[] members;
  private double[] sums;
  private int[] correct;
  private Integer[] ranking;
  private double[][] steps;
  private boolean decided;

  EsStep(MethodContext context, EsMethod.Config config) {
    this.context = context;
    this.config = config;
    this.shape = BitNet.shapeOf(context.network());
    this.policy = new BernoulliPolicy(context.network(), config.logitClip(), true);
    List<BatchNorm> norms = context.network().batchNorms();
    this.evaluator = new BitEvaluator(config.reward(), norms.get(norms.size() - 1).shiftBased());
    this.utilities = EsMethod.utilities(config.population());
  }

  @Override
  public double step(Batch batch, float lr) {
    if (generation == null) {
      generation = new Generation(evaluator, shape, batch.labelIndex().length);
      members = new BitNet[config.population()];
      for (int k = 0; k < members.length; k++) {
        members[k] = shape.copy();
      }
      sums = new double[members.length];
      correct = new int[members.length];
      ranking = new Integer[members.length];
      steps = new double[shape.layers()][];
      for (int l = 0; l < shape.layers(); l++) {
        steps[l] = new double[shape.outputs(l) * shape.inputs(l)];
      }
    }
    if (!decided) {
      policy.decide(config.initLogit());
      decided = true;
    }
    TrainingProfile profile = context.profile();
    long t = profile.start();
    policy.mode(generation.reference);
    generation.begin(batch);
    int n = generation.batch;
    profile.add(TrainingProfile.Phase.FORWARD, t);
    t = profile.start();
    SplittableRandom draws = new SplittableRandom(context.random().nextLong());
    boolean paired = config.antithetic();
    int stride = paired ? 2 : 1;
    // one generator per draw (per pair), split in order: the same networks on any number of cores
    SplittableRandom[] streams = new SplittableRandom[members.length / stride];
    for (int d = 0; d < streams.length; d++) {
      streams[d] = draws.split();
    }
    Parallel.range(streams.length, 1, (from, to) -> {
      for (int d = from; d < to; d++) {
        policy.sample(members[d * stride], paired ? members[d * stride + 1] : null, streams[d]);
      }
    });
    evaluator.population(members, members.length, generation.centering, generation.input, generation.labels, n, sums,
        correct);
    for (int k = 0; k < members.length; k++) {
      ranking[k] = k;
    }
    // best first; equal rewards keep the draw order, so the ranking is deterministic
    java.util.Arrays.sort(ranking, (a, b) -> Double.compare(sums[b], sums[a]));
    float bound = policy.clip();
    double penalty = config.entropyPenalty();
    for (int l = 0; l < shape.layers(); l++) {
      float[] w = policy.logits(l);
      double[] step = steps[l];
      int layer = l;
      // rows split over the cores; each weight sums the members in rank order, so any core count agrees
      Parallel.range(shape.outputs(l), 1, (from, to) -> {
        for (int r = 0; r < members.length; r++) {
          modeDifferences(members[ranking[r]], generation.reference, layer, from, to, step, utilities[r]);
        }
        int fanIn = shape.inputs(layer);
        for (int k = from * fanIn; k < to * fanIn; k++) {
          // p += lr·Σ u (b − p) in E[w] = 2p − 1 units, and the penalty's Δθ = lr·κ·θ as
          // Δm = (1 − m²)/2·Δθ with θ = 2·atanh(m)
          double m = w[k];
          double pull = penalty == 0 ? 0 : (1 - m * m) * Math.log((1 + m) / (1 - m)) * penalty;
          w[k] = (float) Math.max(-bound, Math.min(bound, m + 2 * lr * step[k] + lr * pull / 2));
          step[k] = 0;
        }
      });
    }
    profile.add(TrainingProfile.Phase.METHOD, t);
    t = profile.start();
    policy.updateProbabilities();
    policy.refreshNetwork();
    profile.add(TrainingProfile.Phase.WEIGHTS, t);
    double mean = 0;
    for (double s : sums) {
      mean += s;
    }
    tally.add(generation.referenceReward(), mean / members.length / n, sums[ranking[0]] / n);
    batch.correct()[0] += generation.referencePass.correct();
    return -generation.referencePass.rewardSum();
  }

  /**
   * Adds u·([w_i = +1] − [m_i = +1]) to step for the rows [from, to) of layer l, where m is the mode:
   * since the utilities sum to 0, Σ_k u_k([w^k_i = +1] − p_i) = Σ_k u_k([w^k_i = +1] − [m_i = +1]),
   * nonzero only where the draw differs from the mode (a few per cent of the weights), so the sum
   * visits the set bits of w XOR m only.
   */
  static void modeDifferences(BitNet w, BitNet mode, int l, int from, int to, double[] step, double u) {
    int fanIn = w.inputs(l);
    int rl = w.rowLongs(l);
    long[] rows = w.rows(l);
    long[] modeRows = mode.rows(l);
    for (int j = from; j < to; j++) {
      for (int t = 0; t < rl; t++) {
        long differ = rows[j * rl + t] ^ modeRows[j * rl + t];
        long modeNegative = modeRows[j * rl + t];
        int base = j * fanIn + (t << 6);
        while (differ != 0) {
          int k = Long.numberOfTrailingZeros(differ);
          // bit set = −1: where the mode is −1 the draw is +1 (+u), where the mode is +1 it is −1 (−u)
          step[base + k] += ((modeNegative >>> k) & 1L) != 0 ? u : -u;
          differ &= differ - 1;
        }
      }
    }
  }

  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> m = tally.takeMeans();
    m.put("entropy_bits", policy.meanEntropyBits());
    m.put("decided", policy.meanDecision());
    return m;
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    state.putLong(prefix + "decided", decided ? 1 : 0);
    tally.save(state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix) {
    decided = state.getLong(prefix + "decided") != 0;
    tally.restore(state, prefix);
  }
}
