package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;

/** Trains any architecture: fully connected ones with {@link Trainer}, the others with {@link ConvTrainer}. */
public final class Training {
  private Training() {}

  public static TrainingSummary train(TrainConfig config, Dataset train, Dataset test, TrainingListener listener) {
    return config.architecture().isMlp()
        ? new Trainer(config).train(train, test, listener)
        : new ConvTrainer(config).train(train, test, listener);
  }
}
