package io.onebit.trainer.method.rl;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.rl.bitnet.SampleReward;
import io.onebit.trainer.optim.Optimizers;
import java.util.Arrays;
import java.util.List;

/**
 * What the gradient-free methods (rl, es, local-search) share: the reward, the population, and
 * the refusals of what they cannot do — no backpropagation anywhere, so no gradient knobs, and
 * the bit-packed evaluator takes dense networks on 1-bit input only.
 */
public final class GradientFreeSettings {
  private GradientFreeSettings() {}

  /** The per-sample reward. */
  public static final Hyperparameter<String> REWARD = Hyperparameter.choice("reward", "reward", "neg-ce",
      () -> Arrays.stream(SampleReward.values()).map(SampleReward::cliName).toList(),
      "rl, es, local-search: the reward of a network on a batch, the mean over samples of neg-ce (minus the"
          + " cross-entropy of the class scores), accuracy, or margin (min(1, s_label - max other s))");
  /** Networks drawn per generation. */
  public static final Hyperparameter<Integer> POPULATION = Hyperparameter.integer("population", null,
      Hyperparameter.intRange(1, 100_000), "rl, es: networks drawn from the policy per batch (default: rl 1, es 64)");
  /** Antithetic (mirrored) draws. */
  public static final Hyperparameter<Boolean> ANTITHETIC = Hyperparameter.flag("antithetic",
      "rl, es: draw networks in antithetic pairs (uniforms u and 1 - u per weight); needs an even population");
  /** |θ| bound of the Bernoulli logits. */
  public static final Hyperparameter<Float> LOGIT_CLIP = Hyperparameter.real("logit-clip", 6f, Hyperparameter.positive(),
      "rl, es: bound c of the weight logits (every weight keeps probability >= 1/(1 + e^c) of either sign)");

  /** |θ| of the first policy. */
  public static final Hyperparameter<Float> INIT_LOGIT = Hyperparameter.real("init-logit", 3f, Hyperparameter.atLeast(0),
      "rl, es: |logit| of every weight at the start, with the sign of its random initial value (0: p = 1/2;"
          + " 3: draws change 4.7 % of the weights)");

  static SampleReward reward(Settings s) {
    return SampleReward.named(s.get(REWARD));
  }

  /** The population size, or {@code fallback} when not given. */
  static int population(Settings s, int fallback) {
    Integer n = s.get(POPULATION);
    int population = n == null ? fallback : n;
    if (s.get(ANTITHETIC) && population % 2 != 0) {
      throw new IllegalArgumentException("--antithetic draws pairs: --population must be even, got " + population);
    }
    return population;
  }

  /** Refuses every optimizer option: {@code method} updates its distribution by its own rule. */
  static void refuseOptimizer(Settings s, String method) {
    for (Hyperparameter<?> h : Optimizers.REGISTRY.hyperparameters()) {
      if (s.isSet(h)) {
        throw new IllegalArgumentException(h.option() + " does not apply to --method " + method
            + ": it updates its weights by its own rule, with no optimizer");
      }
    }
  }

  /** Refuses other hyperparameters given with {@code method}. */
  static void refuse(Settings s, String method, List<Hyperparameter<?>> hyperparameters, String why) {
    for (Hyperparameter<?> h : hyperparameters) {
      if (s.isSet(h)) {
        throw new IllegalArgumentException(h.option() + " does not apply to --method " + method + ": " + why);
      }
    }
  }

  /**
   * The runs a gradient-free method cannot train, refused before any data is loaded: convolutions
   * (one weight is shared by every window, so a flip changes every output pixel of its channel and
   * there is no per-neuron increment to evaluate; the population evaluator packs dense rows only)
   * and distillation (the reward is computed from the labels).
   */
  static void checkRun(String method, Architecture architecture, boolean teacher) {
    if (!architecture.isFullyConnected()) {
      throw new IllegalArgumentException("--method " + method + " trains fully connected networks on 1-bit input"
          + " (tfc, sfc, lfc): " + architecture.name() + " has convolutions, whose shared weights leave no"
          + " per-neuron increment for the bit-packed evaluator");
    }
    if (teacher) {
      throw new IllegalArgumentException("--teacher does not apply to --method " + method
          + ": its reward is computed from the labels");
    }
  }
}
