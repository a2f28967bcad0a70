package io.onebit.trainer.optim;

/**
 * An optimizer algorithm with its hyperparameters fixed, as the registry builds it; each training
 * stage creates fresh optimizers (fresh state) from it with the stage's weight decay.
 */
public interface OptimizerKind {
  /** A fresh optimizer with L2 decay {@code weightDecay} of the parameters it updates. */
  Optimizer create(float weightDecay);

  /**
   * Whether the optimizer keeps real latent weights (false for Bop, whose only state is a
   * gradient average): without them there is nothing to decay, no real-weight stage and no
   * stochastic draw from a latent value.
   */
  default boolean hasLatentWeights() {
    return true;
  }
}
