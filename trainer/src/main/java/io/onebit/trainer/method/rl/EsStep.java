package io.onebit.trainer.method.rl;

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
    for (int k = 0; k < members.length; k += paired ? 2 : 1) {
      policy.sample(members[k], paired ? members[k + 1] : null, draws);
    }
    evaluator.population(members, members.length, generation.centering, generation.input, generation.labels, n, sums,
        correct);
    for (int k = 0; k < members.length; k++) {
      ranking[k] = k;
    }
    // best first; equal rewards keep the draw order, so the ranking is deterministic
    java.util.Arrays.sort(ranking, (a, b) -> Double.compare(sums[b], sums[a]));
    float bound = policy.clip();
    for (int l = 0; l < shape.layers(); l++) {
      float[] w = policy.logits(l);
      float[] p = policy.probabilities(l);
      double[] step = new double[w.length];
      for (int r = 0; r < members.length; r++) {
        PolicyGradient.score(members[ranking[r]], l, 0, shape.outputs(l), p, step, utilities[r]);
      }
      for (int k = 0; k < w.length; k++) {
        // p += lr·Σ u (b − p) in E[w] = 2p − 1 units
        w[k] = (float) Math.max(-bound, Math.min(bound, w[k] + 2 * lr * step[k]));
      }
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
