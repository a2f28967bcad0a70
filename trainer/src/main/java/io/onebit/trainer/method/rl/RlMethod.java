package io.onebit.trainer.method.rl;

import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.optim.Optimizers;
import java.util.List;

/**
 * Gradient-free reinforcement learning of a binary network (after Tang's "Train BNNs with
 * Reinforcement Learning", 2022): each weight's sign is the action of an agent with a stochastic
 * policy π_θ ({@link BernoulliPolicy}), the reward is the network's performance on the batch
 * ({@link io.onebit.trainer.method.rl.bitnet.SampleReward}), and the policy climbs
 * J(θ) = E_π[R] by the policy-gradient theorem (REINFORCE, Williams 1992):
 *
 * <pre>
 *   per batch (a generation):  thresholds from the mode's batch statistics
 *                              w¹..wᴺ ∼ π_θ   (antithetic pairs optional)
 *                              ĝ = (1/N) Σ_k credit_k · ∇_θ log π_θ(w^k)        ({@link Agents}, {@link Baseline})
 *                              θ ← θ + lr·optimizer(ĝ + β·∇_θ H(π_θ))         (β: --entropy-bonus)
 * </pre>
 *
 * No loss is backpropagated: a reward is a forward pass in integers (XOR + popcount), and the
 * counterfactual credit of a weight is the exact reward change of flipping it, from the
 * incremental evaluator. The policy's mode sign(θ) is the deployed network; the trainer then
 * sets BatchNorm's statistics for it, as for every method.
 */
public final class RlMethod extends GradientFreeMethod {
  public static final String NAME = "rl";
  public static final Hyperparameter<String> POLICY = Hyperparameter.choice("policy", "policy", "independent", Agents::names,
      "rl: the agents: every weight (independent), every neuron's weights (per-neuron), every layer (per-layer), or"
          + " every hidden unit on every sample (units, weights follow their unit); with --baseline counterfactual"
          + " each is credited with its own difference reward");
  public static final Hyperparameter<String> BASELINE = Hyperparameter.choice("baseline", "baseline", "counterfactual",
      Baseline::names, "rl: what a reward is compared with: none, moving-average, batch-mean (leave-one-out mean of"
          + " the population), or counterfactual (each agent's reward with its own weights at the mode)");
  public static final Hyperparameter<Float> BASELINE_DECAY = Hyperparameter.real("baseline-decay", 0.9f,
      Hyperparameter.closedOpen(0, 1), "rl: decay of --baseline moving-average");
  public static final Hyperparameter<Float> ENTROPY_BONUS = Hyperparameter.real("entropy-bonus", 0f,
      Hyperparameter.atLeast(0), "rl: entropy bonus: each logit also climbs this times the entropy (nats) of its"
          + " weight's Bernoulli policy, which keeps the policy exploring");
  public static final Hyperparameter<Float> NEURON_NOISE = Hyperparameter.real("neuron-noise", 0f,
      Hyperparameter.atLeast(0), "rl: temperature tau of stochastic hidden neurons in the drawn networks: a neuron"
          + " fires +1 with probability sigmoid((z - mean)/(tau*std)) (0: deterministic, as deployed)");
  public static final Hyperparameter<Float> UNIT_TEMPERATURE = Hyperparameter.real("unit-temperature", 0.5f,
      Hyperparameter.positive(), "rl --policy units: temperature tau of the Bernoulli-logistic units, in standard"
          + " deviations of their pre-activation (the width of the window of samples that credit a weight)");
  public static final Hyperparameter<String> GRADIENT = Hyperparameter.choice("policy-gradient", "policy gradient",
      "natural", () -> List.of("natural", "vanilla"), "rl: the step direction: the natural gradient (the estimate"
          + " preconditioned by the Bernoulli Fisher information p(1 - p) per logit, Kakade 2001) or the vanilla one");
  static final int DEFAULT_POPULATION = 1;

  /** The hyperparameters rl reads, in help order. */
  static List<Hyperparameter<?>> hyperparameters() {
    return List.of(POLICY, BASELINE, BASELINE_DECAY, GradientFreeSettings.REWARD, GradientFreeSettings.POPULATION,
        GradientFreeSettings.ANTITHETIC, GRADIENT, ENTROPY_BONUS, NEURON_NOISE, UNIT_TEMPERATURE,
        GradientFreeSettings.INIT_LOGIT,
        GradientFreeSettings.LOGIT_CLIP);
  }

  /** The settings of one rl run, checked together. */
  record Config(Agents agents, Baseline baseline, float baselineDecay,
      io.onebit.trainer.method.rl.bitnet.SampleReward reward, int population, boolean antithetic, float entropyBonus,
      boolean natural, float neuronNoise, float unitTemperature, float initLogit, float logitClip, io.onebit.trainer.optim.OptimizerKind optimizer) {
    static Config of(Settings s) {
      Agents agents = Agents.named(s.get(POLICY));
      Baseline baseline = Baseline.named(s.get(BASELINE));
      int population = GradientFreeSettings.population(s, DEFAULT_POPULATION);
      boolean antithetic = s.get(GradientFreeSettings.ANTITHETIC);
      if (agents != Agents.INDEPENDENT && baseline != Baseline.COUNTERFACTUAL) {
        throw new IllegalArgumentException("--policy " + agents.cliName + " only changes the credit of --baseline"
            + " counterfactual; with --baseline " + baseline.cliName + " every agent gets the same reward");
      }
      if (s.isSet(UNIT_TEMPERATURE) && agents != Agents.UNITS) {
        throw new IllegalArgumentException("--unit-temperature applies to --policy units, not " + agents.cliName);
      }
      if (s.isSet(BASELINE_DECAY) && baseline != Baseline.MOVING_AVERAGE) {
        throw new IllegalArgumentException("--baseline-decay applies to --baseline moving-average, not "
            + baseline.cliName);
      }
      int needed = antithetic ? 4 : 2;
      if (baseline == Baseline.BATCH_MEAN && population < needed) {
        throw new IllegalArgumentException("--baseline batch-mean compares each network with the others: --population"
            + " must be at least " + needed + (antithetic ? " (two antithetic pairs)" : "") + ", got " + population);
      }
      if (s.get(GradientFreeSettings.INIT_LOGIT) > s.get(GradientFreeSettings.LOGIT_CLIP)) {
        throw new IllegalArgumentException("--init-logit " + s.get(GradientFreeSettings.INIT_LOGIT)
            + " is beyond --logit-clip " + s.get(GradientFreeSettings.LOGIT_CLIP));
      }
      io.onebit.trainer.optim.OptimizerKind optimizer = Optimizers.REGISTRY.create(s);
      if (!optimizer.hasLatentWeights()) {
        throw new IllegalArgumentException("--optimizer bop flips binary weights from a gradient; --method rl needs an"
            + " optimizer of its logits (adam, sgd, adamax, shift-adamax)");
      }
      return new Config(agents, baseline, s.get(BASELINE_DECAY), GradientFreeSettings.reward(s), population,
          antithetic, s.get(ENTROPY_BONUS), s.get(GRADIENT).equals("natural"), s.get(NEURON_NOISE), s.get(UNIT_TEMPERATURE), s.get(GradientFreeSettings.INIT_LOGIT),
          s.get(GradientFreeSettings.LOGIT_CLIP), optimizer);
    }
  }

  private final Config config;

  RlMethod(Config config) {
    super(NAME, "policy");
    this.config = config;
  }

  @Override
  GradientFreeStep newStep(MethodContext context) {
    return new PolicyGradientStep(context, config);
  }

}
