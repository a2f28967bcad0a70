package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.optim.Optimizer;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One generation of {@link RlMethod} per batch: thresholds from the mode, N draws, the
 * policy-gradient estimate, the entropy bonus, one optimizer step of the logits (descending
 * −ĝ). Its state between batches — optimizer moments, the moving-average baseline, the epoch's
 * tallies — is saved in checkpoints; the draws come from a generator seeded per batch from the
 * run's, so a resumed run draws the same networks.
 */
final class PolicyGradientStep implements GradientFreeStep {
  private final MethodContext context;
  private final RlMethod.Config config;
  private final BernoulliPolicy policy;
  private final Optimizer optimizer;
  private final BitNet shape;
  private final BitEvaluator evaluator;
  private final EpochTally tally = new EpochTally("mode_reward", "population_reward");
  private Generation generation;
  private PolicyGradient estimator;
  private BitNet[] members;
  private double[] rewards;
  private double[][] ascent;
  private double movingAverage;
  private boolean movingAverageSet;
  private boolean decided;

  PolicyGradientStep(MethodContext context, RlMethod.Config config) {
    this.context = context;
    this.config = config;
    this.shape = BitNet.shapeOf(context.network());
    this.policy = new BernoulliPolicy(context.network(), config.logitClip(), false);
    this.optimizer = Optimizers.forStage(config.optimizer(), 0f);
    this.evaluator = new BitEvaluator(config.reward(), lastBatchNorm(context).shiftBased());
  }

  private static io.onebit.trainer.net.BatchNorm lastBatchNorm(MethodContext context) {
    var norms = context.network().batchNorms();
    return norms.get(norms.size() - 1);
  }

  private void allocate(int capacity) {
    generation = new Generation(evaluator, shape, capacity);
    estimator = new PolicyGradient(config.agents(), config.baseline(), evaluator, shape, capacity,
        config.population(), config.unitTemperature());
    members = new BitNet[config.population()];
    for (int k = 0; k < members.length; k++) {
      members[k] = shape.copy();
    }
    rewards = new double[config.population()];
    ascent = new double[shape.layers()][];
    for (int l = 0; l < shape.layers(); l++) {
      ascent[l] = new double[shape.outputs(l) * shape.inputs(l)];
    }
  }

  @Override
  public double step(Batch batch, float lr) {
    if (generation == null) {
      allocate(batch.labelIndex().length);
    }
    if (!decided) {
      // on the first batch of a run (a resumed run restores θ and this flag instead)
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
    generation.centering.drawNoise(config.neuronNoise(), draws);
    float[][] p = new float[policy.layers()][];
    for (int l = 0; l < p.length; l++) {
      p[l] = policy.probabilities(l);
      java.util.Arrays.fill(ascent[l], 0.0);
    }
    estimator.accumulate(generation.reference, members, members.length, paired, generation.centering,
        generation.input, generation.labels, n, p, movingAverage, ascent, rewards);
    profile.add(TrainingProfile.Phase.METHOD, t);
    t = profile.start();
    double beta = config.entropyBonus();
    for (int l = 0; l < p.length; l++) {
      float[] theta = policy.logits(l);
      float[] grad = policy.gradient(l);
      for (int k = 0; k < grad.length; k++) {
        double fisher = p[l][k] * (1 - p[l][k]);
        double entropy = beta == 0 ? 0 : -beta * theta[k] * fisher;
        double direction = ascent[l][k] + entropy;
        // the natural gradient F⁻¹ĝ with the Bernoulli Fisher information F = p(1 − p) of the logit
        grad[k] = (float) -(config.natural() ? direction / fisher : direction);
      }
    }
    optimizer.step(policy.params(), lr);
    profile.add(TrainingProfile.Phase.OPTIMIZER, t);
    t = profile.start();
    policy.updateProbabilities();
    policy.refreshNetwork();
    profile.add(TrainingProfile.Phase.WEIGHTS, t);
    double mean = 0;
    for (double r : rewards) {
      mean += r;
    }
    mean /= rewards.length;
    if (movingAverageSet) {
      movingAverage = config.baselineDecay() * movingAverage + (1 - config.baselineDecay()) * mean;
    } else {
      movingAverage = mean;
      movingAverageSet = true;
    }
    tally.add(generation.referenceReward(), mean);
    batch.correct()[0] += generation.referencePass.correct();
    return -generation.referencePass.rewardSum();
  }

  /** The epoch's figures: mean rewards per batch, the policy's entropy and decidedness now. */
  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> m = tally.takeMeans();
    m.put("entropy_bits", policy.meanEntropyBits());
    m.put("decided", policy.meanDecision());
    return m;
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    optimizer.saveState(state, prefix + "optimizer.");
    state.putDouble(prefix + "baseline", movingAverage);
    state.putLong(prefix + "baseline_set", movingAverageSet ? 1 : 0);
    state.putLong(prefix + "decided", decided ? 1 : 0);
    tally.save(state, prefix);
  }

  @Override
  public void restoreState(TrainingState state, String prefix) {
    optimizer.restoreState(state, prefix + "optimizer.", policy.params());
    movingAverage = state.getDouble(prefix + "baseline");
    movingAverageSet = state.getLong(prefix + "baseline_set") != 0;
    decided = state.getLong(prefix + "decided") != 0;
    tally.restore(state, prefix);
  }
}
