package io.onebit.trainer.train;

import java.util.List;

/**
 * The learning rate of each epoch of a stage of {@code epochs} epochs (epoch counted from 0).
 * Each stage of a method starts its schedule anew (AdamBNN's two stages each decay from the start).
 */
@FunctionalInterface
public interface LearningRateSchedule {
  List<String> NAMES = List.of("exponential", "constant", "step", "cosine", "linear");

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

  static LearningRateSchedule named(String name, float start, float end) {
    if (!(start > 0) || !(end > 0)) {
      throw new IllegalArgumentException("learning rates must be positive, got " + start + " and " + end);
    }
    return switch (name) {
      case "exponential" -> exponential(start, end);
      case "constant" -> constant(start);
      case "step" -> step(start, end);
      case "cosine" -> cosine(start, end);
      case "linear" -> linear(start, end);
      default -> throw new IllegalArgumentException(
          "unknown learning-rate schedule '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
