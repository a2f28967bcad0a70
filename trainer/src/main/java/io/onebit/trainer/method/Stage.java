package io.onebit.trainer.method;

/**
 * One stage of a training method: a number of epochs with a fixed forward (binary or real
 * weights), a fresh optimizer and a fresh learning-rate schedule.
 *
 * @param name for logs and metrics
 * @param epochs epochs of this stage
 * @param binaryWeights true: forward with sign(W); false: with the real latent weights
 * @param weightDecay L2 decay of the latent weights in this stage
 */
public record Stage(String name, int epochs, boolean binaryWeights, float weightDecay) {
  public Stage {
    if (epochs < 1) {
      throw new IllegalArgumentException("stage '" + name + "' needs at least 1 epoch, got " + epochs);
    }
  }
}
