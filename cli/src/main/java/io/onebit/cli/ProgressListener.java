package io.onebit.cli;

import io.onebit.trainer.train.EpochMetrics;
import io.onebit.trainer.train.TrainingListener;
import java.util.Locale;

/**
 * Training progress: a bar per epoch over its batches (with the epoch's ETA, see {@link Progress}),
 * the loss and accuracy so far and, from the second epoch on, an estimate of the whole run's time
 * left; then one summary line per epoch.
 */
final class ProgressListener implements TrainingListener {
  private final boolean bars;
  private Progress bar;
  private int epochs;
  private double secondsSoFar;
  private int epochsDone;

  ProgressListener(boolean bars) {
    this.bars = bars;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int batches) {
    this.epochs = epochs;
    bar = Progress.start(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs), batches, bars);
  }

  @Override
  public void batchDone(int epoch, int batch, double meanLoss, double trainAccuracy) {
    if (bar != null) {
      bar.stepTo(batch + 1);
      bar.message(String.format(Locale.ROOT, "loss %.4f acc %.2f%%%s", meanLoss, 100 * trainAccuracy, runLeft()));
    }
  }

  /** ", run ~M min left" from the mean epoch time, once an epoch has finished. */
  private String runLeft() {
    if (epochsDone == 0) {
      return "";
    }
    double left = secondsSoFar / epochsDone * (epochs - epochsDone);
    return left >= 90 ? String.format(Locale.ROOT, ", run ~%.0f min left", left / 60)
        : String.format(Locale.ROOT, ", run ~%.0f s left", left);
  }

  @Override
  public void epochDone(EpochMetrics m) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    epochsDone++;
    secondsSoFar += m.seconds();
    Console.log(String.format(Locale.ROOT, "epoch %3d  loss %.4f  train %.2f%%  test %.2f%%  lr %.2e  %.1f s", m.epoch(),
        m.loss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.learningRate(), m.seconds()));
  }
}
