package io.onebit.trainer.train;

/** The learning rate of each epoch. */
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
}
