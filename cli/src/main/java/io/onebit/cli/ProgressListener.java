package io.onebit.cli;

import io.onebit.trainer.train.EpochMetrics;
import io.onebit.trainer.train.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch (me.tongfei:progressbar) and one summary line per epoch. */
final class ProgressListener implements TrainingListener {
  private final boolean bars;
  private ProgressBar bar;

  ProgressListener(boolean bars) {
    this.bars = bars;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int batches) {
    if (bars) {
      bar = new ProgressBarBuilder()
          .setTaskName(String.format("epoch %d/%d", epoch + 1, epochs))
          .setInitialMax(batches)
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .continuousUpdate()
          .build();
    }
  }

  @Override
  public void batchDone(int epoch, int batch, double meanLoss, double trainAccuracy) {
    if (bar != null) {
      bar.stepTo(batch + 1);
      bar.setExtraMessage(String.format("loss %.4f acc %.2f%%", meanLoss, 100 * trainAccuracy));
    }
  }

  @Override
  public void epochDone(EpochMetrics m) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    Console.log(String.format("epoch %3d  loss %.4f  train %.2f%%  test %.2f%%  lr %.2e  %.1f s", m.epoch(), m.loss(),
        100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.learningRate(), m.seconds()));
  }
}
