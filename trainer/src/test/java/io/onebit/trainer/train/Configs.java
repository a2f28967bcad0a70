package io.onebit.trainer.train;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.net.InputEncoding;

/** Small, fast training runs for the tests on {@link SyntheticImages} (8×8, 4 classes). */
final class Configs {
  private Configs() {}

  /**
   * A run of {@code arch}: batch 50, exponential lr 1e-2 → 1e-3, threshold 128 (thresholded
   * architectures), BatchNorm statistics over 1000 samples.
   */
  static TrainConfig small(Architecture arch, int epochs, long seed, int augmentShift) {
    TrainConfig c = TrainConfig.of(arch).with(Trainer.EPOCHS, epochs).with(Trainer.BATCH_SIZE, 50)
        .with(LearningRateSchedule.LR, 1e-2f).with(LearningRateSchedule.LR_END, 1e-3f).with(Trainer.SEED, seed)
        .with(ShiftAugmentation.MAX_SHIFT, augmentShift).with(Trainer.STATISTICS_SAMPLES, 1000);
    return arch.bitplanes() ? c : c.with(InputEncoding.THRESHOLD, 128);
  }

  static TrainConfig small(String arch, int epochs, long seed, int augmentShift) {
    return small(Architecture.named(arch), epochs, seed, augmentShift);
  }
}
