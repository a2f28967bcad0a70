package io.onebit.trainer.train;

import io.onebit.trainer.hyper.Algorithm;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Registry;
import java.util.List;

/**
 * The learning rate of each epoch of a stage of {@code epochs} epochs (epoch counted from 0).
 * Each stage of a method starts its schedule anew (AdamBNN's two stages each decay from the start).
 */
@FunctionalInterface
public interface LearningRateSchedule {
  float at(int epoch, int epochs);

  /**
   * BinaryNet's exponential decay from {@code start} at the first epoch to {@code end} at the
   * last: lr(e) = start · (end/start)^(e/(E−1)).
   */
  static LearningRateSchedule exponential(float start, float end) {
    return (epoch, epochs) -> epochs <= 1 ? start
        : (float) (start * Math.pow(end / start, epoch / (double) (epochs - 1)));
  }

  /** lr(e) = start. */
  static LearningRateSchedule constant(float start) {
    return (epoch, epochs) -> start;
  }

  /** Linear from start to end: lr(e) = start + (end − start)·e/(E−1). */
  static LearningRateSchedule linear(float start, float end) {
    return (epoch, epochs) -> epochs <= 1 ? start : (float) (start + (end - start) * epoch / (double) (epochs - 1));
  }

  /** Cosine annealing from start to end: lr(e) = end + (start − end)·(1 + cos(π·e/(E−1)))/2. */
  static LearningRateSchedule cosine(float start, float end) {
    return (epoch, epochs) -> epochs <= 1 ? start
        : (float) (end + (start - end) * (1 + Math.cos(Math.PI * epoch / (double) (epochs - 1))) / 2);
  }

  /**
   * Step decay: lr(e) = start · factor^⌊e / every⌋ with every = max(1, ⌈E/3⌉) and the factor
   * chosen so that the last of the three plateaus is at {@code end}: factor = √(end/start).
   */
  static LearningRateSchedule step(float start, float end) {
    return (epoch, epochs) -> {
      int every = Math.max(1, (epochs + 2) / 3);
      return (float) (start * Math.pow(Math.sqrt(end / start), epoch / every));
    };
  }

  /** The rate of the first epoch of each stage. */
  Hyperparameter<Float> LR = Hyperparameter.real("lr", 1e-2f, Hyperparameter.positive(),
      "learning rate of the first epoch of each stage");
  /** The rate of the last epoch of each stage. */
  Hyperparameter<Float> LR_END = Hyperparameter.real("lr-end", 1e-5f, Hyperparameter.positive(),
      "learning rate of the last epoch of each stage");

  /** The schedules by name ({@code --lr-schedule}). */
  Registry<LearningRateSchedule> REGISTRY = new Registry<>("lr-schedule", "learning-rate schedule", "exponential",
      "how the learning rate goes from --lr to --lr-end, anew in each stage",
      new Algorithm<>("exponential", "BinaryNet's exponential decay", List.of(LR, LR_END),
          s -> exponential(s.get(LR), s.get(LR_END))),
      new Algorithm<>("constant", "--lr throughout", List.of(LR), s -> constant(s.get(LR))),
      new Algorithm<>("step", "three plateaus, the last at --lr-end", List.of(LR, LR_END),
          s -> step(s.get(LR), s.get(LR_END))),
      new Algorithm<>("cosine", "cosine annealing", List.of(LR, LR_END), s -> cosine(s.get(LR), s.get(LR_END))),
      new Algorithm<>("linear", "linear decay", List.of(LR, LR_END), s -> linear(s.get(LR), s.get(LR_END))));
}
