package io.onebit.trainer.method;

/** The update of the network from one batch, as a stage defines it. */
@FunctionalInterface
public interface BatchStep {
  /**
   * Trains on one batch; the trainer then counts flips of sign(W) and reports progress.
   *
   * @param lr the schedule's learning rate for this epoch
   * @return the summed loss over the batch (the method's loss; for a reward, its negative)
   */
  double step(Batch batch, float lr);
}
