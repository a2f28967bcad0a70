package io.onebit.trainer.method.rl;

import io.onebit.trainer.hyper.Algorithm;
import io.onebit.trainer.method.TrainingMethod;

/** The gradient-free methods as {@link io.onebit.trainer.method.TrainingMethods} registers them. */
public final class GradientFreeMethods {
  private GradientFreeMethods() {}

  /** {@code --method rl}: REINFORCE over Bernoulli weights, agents credited by difference rewards. */
  public static final Algorithm<TrainingMethod> RL = new Algorithm<>(RlMethod.NAME,
      "gradient-free RL: weight signs are actions of a Bernoulli policy trained by REINFORCE on the batch reward",
      RlMethod.hyperparameters(), s -> new RlMethod(RlMethod.Config.of(s)));

  /** {@code --method es}: natural-gradient evolution strategy (IGO / PBIL) over the same Bernoulli weights. */
  public static final Algorithm<TrainingMethod> ES = new Algorithm<>(EsMethod.NAME,
      "gradient-free baseline: natural-gradient evolution strategy (IGO/PBIL) over Bernoulli weights",
      EsMethod.hyperparameters(), s -> new EsMethod(EsMethod.Config.of(s)));

  /** {@code --method local-search}: greedy single flips scored exactly by the incremental evaluator. */
  public static final Algorithm<TrainingMethod> LOCAL_SEARCH = new Algorithm<>(LocalSearchMethod.NAME,
      "gradient-free baseline: greedy single weight flips scored on each batch by incremental evaluation",
      LocalSearchMethod.hyperparameters(), s -> new LocalSearchMethod(LocalSearchMethod.Config.of(s)));
}
