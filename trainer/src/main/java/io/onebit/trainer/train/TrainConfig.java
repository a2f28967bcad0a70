package io.onebit.trainer.train;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.optim.OptimizerKind;
import io.onebit.trainer.optim.Optimizers;
import java.time.Duration;

/**
 * Everything a training run is: the architecture, the hyperparameters given (every other one at
 * its default, {@link TrainingHyperparameters}) and a loaded teacher, if any. Building one checks
 * every value and every combination (method × optimizer × quantizers × architecture), so a bad
 * run is refused before any data is loaded.
 *
 * @param distillation a teacher to distil from, or null (labels only)
 */
public record TrainConfig(Architecture architecture, Settings settings, Distillation distillation) {
  public TrainConfig {
    if (architecture == null || settings == null) {
      throw new IllegalArgumentException("a training run needs an architecture and settings");
    }
    if (architecture.bitplanes() && settings.isSet(InputEncoding.THRESHOLD)) {
      throw new IllegalArgumentException(InputEncoding.THRESHOLD.option() + " does not apply to " + architecture.name()
          + ": its first layer reads the 8-bit pixels as bit-planes");
    }
    if (distillation == null && (settings.isSet(Distillation.WEIGHT) || settings.isSet(Distillation.TEMPERATURE))) {
      throw new IllegalArgumentException(Distillation.WEIGHT.option() + " and " + Distillation.TEMPERATURE.option()
          + " need a teacher (" + Distillation.TEACHER.option() + ")");
    }
    LearningRateSchedule.REGISTRY.create(settings);
    Optimizers.REGISTRY.create(settings);
    TrainingMethod method = TrainingMethods.REGISTRY.create(settings);
    method.stages(settings.get(Trainer.EPOCHS));
    method.checkRun(architecture, distillation != null);
  }

  /** The default run of an architecture. */
  public static TrainConfig of(Architecture architecture) {
    return new TrainConfig(architecture, Settings.defaults(), null);
  }

  /** This run with {@code h = value} (checked). */
  public <T> TrainConfig with(Hyperparameter<T> h, T value) {
    return new TrainConfig(architecture, settings.with(h, value), distillation);
  }

  /** This run with a teacher to distil from (null: none). */
  public TrainConfig withDistillation(Distillation teacher) {
    return new TrainConfig(architecture, settings, teacher);
  }

  public <T> T get(Hyperparameter<T> h) {
    return settings.get(h);
  }

  public int epochs() {
    return settings.get(Trainer.EPOCHS);
  }

  public int batchSize() {
    return settings.get(Trainer.BATCH_SIZE);
  }

  public long seed() {
    return settings.get(Trainer.SEED);
  }

  /** Training samples for the per-epoch BatchNorm statistics (the final ones use the whole set). */
  public int statisticsSamples() {
    return settings.get(Trainer.STATISTICS_SAMPLES);
  }

  /** Wall-clock limit of the training loop, or null. */
  public Duration timeBudget() {
    return settings.get(Trainer.TIME_BUDGET);
  }

  public int augmentShift() {
    return settings.get(ShiftAugmentation.MAX_SHIFT);
  }

  public float augmentProbability() {
    return settings.get(ShiftAugmentation.PROBABILITY);
  }

  public boolean shiftBatchNorm() {
    return settings.get(BatchNorm.SHIFT_BASED);
  }

  /** How samples become the first layer's input: bit-planes, or the threshold. */
  public InputEncoding inputEncoding() {
    return architecture.bitplanes() ? new InputEncoding.Bitplanes()
        : new InputEncoding.Threshold(settings.get(InputEncoding.THRESHOLD));
  }

  public LearningRateSchedule schedule() {
    return LearningRateSchedule.REGISTRY.create(settings);
  }

  public OptimizerKind optimizer() {
    return Optimizers.REGISTRY.create(settings);
  }

  public TrainingMethod method() {
    return TrainingMethods.REGISTRY.create(settings);
  }
}
