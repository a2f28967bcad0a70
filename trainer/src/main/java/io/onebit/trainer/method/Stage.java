package io.onebit.trainer.method;

import io.onebit.trainer.train.LearningRateSchedule;

/**
 * One stage of a method: a number of epochs with a fixed way of updating the network, a fresh
 * optimizer state and a fresh learning-rate schedule.
 */
public interface Stage {
  /** For logs and metrics, e.g. "binary", "real-weights". */
  String name();

  int epochs();

  /**
   * The learning rate of epoch {@code epoch} of this stage: the run's schedule over the stage's
   * epochs, unless a method scales a stage's rates.
   */
  default float learningRate(LearningRateSchedule schedule, int epoch) {
    return schedule.at(epoch, epochs());
  }

  /** Enters the stage (forward mode, fresh optimizer) and returns the update of one batch. */
  BatchStep begin(MethodContext context);
}
