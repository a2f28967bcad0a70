package io.onebit.trainer.train;

/** Progress callbacks of a training run (the CLI draws a progress bar from them). */
public interface TrainingListener {
  default void epochStarted(int epoch, int epochs, int batches) {}

  default void batchDone(int epoch, int batch, double meanLoss, double trainAccuracy) {}

  default void epochDone(EpochMetrics metrics) {}

  TrainingListener NONE = new TrainingListener() {};
}
