package io.onebit.cli;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training options shared by {@code train} and {@code quickstart} (a picocli mixin). */
final class TrainOptions {
  @Option(names = "--arch", defaultValue = "sfc", description = "network: tfc (64x3), sfc (256x3), lfc (1024x3); default ${DEFAULT-VALUE}")
  String arch;

  @Option(names = "--epochs", defaultValue = "20", description = "epochs; default ${DEFAULT-VALUE}")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (same seed, same model); default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--batch-size", defaultValue = "100", description = "default ${DEFAULT-VALUE}")
  int batchSize;

  @Option(names = "--lr", defaultValue = "1e-2", description = "learning rate of the first epoch; default ${DEFAULT-VALUE}")
  float lr;

  @Option(names = "--lr-end", defaultValue = "1e-5", description = "learning rate of the last epoch (exponential decay); default ${DEFAULT-VALUE}")
  float lrEnd;

  @Option(names = "--augment-shift", defaultValue = "1", description = "random shift of training images, in pixels (0: off); default ${DEFAULT-VALUE}")
  int augmentShift;

  @Option(names = "--input-threshold", defaultValue = "64", description = "pixels >= this are +1; default ${DEFAULT-VALUE}")
  int inputThreshold;

  TrainConfig config() {
    if (!(lr > 0) || !(lrEnd > 0)) {
      throw new IllegalArgumentException("learning rates must be positive");
    }
    if (augmentShift < 0) {
      throw new IllegalArgumentException("--augment-shift must be >= 0");
    }
    return new TrainConfig(Architecture.named(arch), epochs, batchSize, LearningRateSchedule.exponential(lr, lrEnd), seed,
        inputThreshold, augmentShift, 10000);
  }
}
