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
}
