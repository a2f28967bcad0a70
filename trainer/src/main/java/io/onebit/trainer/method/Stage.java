package io.onebit.trainer.method;

/**
 * One stage of a method: a number of epochs with a fixed way of updating the network, a fresh
 * optimizer state and a fresh learning-rate schedule.
 */
public interface Stage {
  /** For logs and metrics, e.g. "binary", "real-weights". */
  String name();

  int epochs();

  /** Enters the stage (forward mode, fresh optimizer) and returns the update of one batch. */
  BatchStep begin(MethodContext context);
}
