package io.onebit.trainer.train;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.distill.Distillation;

/**
 * Settings of a training run.
 *
 * @param architecture the network shape
 * @param epochs passes over the training set
 * @param batchSize samples per step (BinaryNet: 100)
 * @param schedule learning rate per epoch
 * @param seed seeds initialisation and shuffling: the same seed gives the same model
 * @param inputThreshold pixels ≥ this become +1
 * @param augmentShift random translation of training images by up to this many pixels (0: off)
 * @param statisticsSamples training samples used for the per-epoch BatchNorm statistics (the
 *     final statistics use the whole training set)
 * @param recipe method, optimizers, quantizers, weight decay ({@link Recipe#defaults()}: BinaryNet + Adam)
 * @param augmentProbability chance that a training image is shifted ({@link #DEFAULT_AUGMENT_PROBABILITY})
 * @param distillation a teacher to distil from, or null (labels only)
 */
public record TrainConfig(Architecture architecture, int epochs, int batchSize, LearningRateSchedule schedule, long seed,
    int inputThreshold, int augmentShift, int statisticsSamples, Recipe recipe, float augmentProbability,
    Distillation distillation) {
  /**
   * Half the training images shifted: measured on MNIST (20 epochs, seeds 1–3) against every
   * image shifted, TFC 95.20% vs 94.88% and SFC better too (docs/mnist-results.md §5).
   */
  public static final float DEFAULT_AUGMENT_PROBABILITY = 0.5f;

  /** No distillation. */
  public TrainConfig(Architecture architecture, int epochs, int batchSize, LearningRateSchedule schedule, long seed,
      int inputThreshold, int augmentShift, int statisticsSamples, Recipe recipe, float augmentProbability) {
    this(architecture, epochs, batchSize, schedule, seed, inputThreshold, augmentShift, statisticsSamples, recipe,
        augmentProbability, null);
  }

  /** The default shift probability. */
  public TrainConfig(Architecture architecture, int epochs, int batchSize, LearningRateSchedule schedule, long seed,
      int inputThreshold, int augmentShift, int statisticsSamples, Recipe recipe) {
    this(architecture, epochs, batchSize, schedule, seed, inputThreshold, augmentShift, statisticsSamples, recipe,
        DEFAULT_AUGMENT_PROBABILITY);
  }

  /** The default recipe. */
  public TrainConfig(Architecture architecture, int epochs, int batchSize, LearningRateSchedule schedule, long seed,
      int inputThreshold, int augmentShift, int statisticsSamples) {
    this(architecture, epochs, batchSize, schedule, seed, inputThreshold, augmentShift, statisticsSamples,
        Recipe.defaults());
  }

  public TrainConfig {
    if (recipe == null) {
      throw new IllegalArgumentException("recipe must not be null");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("batch size must be at least 2 (BatchNorm needs a batch), got " + batchSize);
    }
    if (!(augmentProbability >= 0 && augmentProbability <= 1)) {
      throw new IllegalArgumentException("shift probability must be in [0, 1], got " + augmentProbability);
    }
    if (inputThreshold < 0 || inputThreshold > 256) {
      throw new IllegalArgumentException("input threshold must be in [0, 256], got " + inputThreshold);
    }
    recipe.trainingMethod().stages(epochs, recipe.weightDecay(), recipe.firstStageEpochs());
  }

  /** This configuration with a teacher to distil from (null: none). */
  public TrainConfig withDistillation(Distillation teacher) {
    return new TrainConfig(architecture, epochs, batchSize, schedule, seed, inputThreshold, augmentShift,
        statisticsSamples, recipe, augmentProbability, teacher);
  }

  /** The recipe's method stages for these epochs. */
  public java.util.List<io.onebit.trainer.method.Stage> stages() {
    return recipe.trainingMethod().stages(epochs, recipe.weightDecay(), recipe.firstStageEpochs());
  }
}
