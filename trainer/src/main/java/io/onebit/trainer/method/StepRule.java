package io.onebit.trainer.method;

import io.onebit.trainer.nn.BinaryBatch;
import io.onebit.trainer.nn.BinaryMlp;

/**
 * How one batch changes the network. Gradient methods backpropagate and step their optimizers
 * (the trainer's gradient step); a gradient-free method (e.g. an RL trainer that proposes sign
 * flips and keeps those the reward favours) supplies its own rule through
 * {@link TrainingMethod#stepRule}. After the rule returns, the trainer refreshes sign(W) and
 * counts flips, so every rule gets the same metrics and the same deployable network.
 */
@FunctionalInterface
public interface StepRule {
  /**
   * Trains on one batch.
   *
   * @param labelIndex the batch rows' indices into {@code labels}
   * @param correct {@code correct[0]} is increased by the number of correct argmaxes
   * @param lr the schedule's learning rate for this epoch
   * @return the summed loss over the batch
   */
  double step(BinaryMlp network, BinaryBatch batch, byte[] labels, int[] labelIndex, int[] correct, float lr);
}
