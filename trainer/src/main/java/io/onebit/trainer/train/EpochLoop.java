package io.onebit.trainer.train;

import io.onebit.trainer.method.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The loop both trainers run: the method's stages in order, each stage's epochs with the
 * schedule's learning rate restarted, and in each epoch a fresh shuffle of the training samples
 * cut into whole batches. After every batch the flip tracker counts sign changes; after every
 * epoch the network reports its test accuracy and the epoch's metrics go to the listener.
 *
 * <p>The generator is drawn from in a fixed order (the shuffle, then whatever the batch step
 * draws), so a seed fixes the run.
 */
final class EpochLoop {
  private EpochLoop() {}

  /** The network being trained, as the loop drives it. */
  interface Run {
    /** Enters a stage (forward mode, fresh optimizer); returns the step that trains one batch. */
    BatchStep enterStage(Stage stage);

    /** Test accuracy of the inference network for the current weights. */
    double testAccuracy();
  }

  /** Trains on one batch and refreshes sign(W). */
  @FunctionalInterface
  interface BatchStep {
    /**
     * @param order the epoch's sample order; the batch is order[from .. from + batch size)
     * @param correct {@code correct[0]} is increased by the number of correct argmaxes
     * @return the summed loss over the batch
     */
    double step(int[] order, int from, int[] correct, float lr);
  }

  /** The per-epoch metrics and the mean wall-clock seconds per epoch. */
  record Outcome(List<EpochMetrics> history, double secondsPerEpoch) {}

  static Outcome run(TrainConfig config, int samples, Random random, FlipTracker flips, TrainingListener listener,
      Run run) {
    int batchSize = config.batchSize();
    int batches = samples / batchSize;
    int[] order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    List<EpochMetrics> history = new ArrayList<>();
    double totalSeconds = 0;
    int epoch = 0;
    for (Stage stage : config.stages()) {
      BatchStep step = run.enterStage(stage);
      for (int e = 0; e < stage.epochs(); e++, epoch++) {
        long start = System.nanoTime();
        float lr = config.schedule().at(e, stage.epochs());
        shuffle(order, random);
        listener.epochStarted(epoch, config.epochs(), batches);
        double lossSum = 0;
        int[] correct = {0};
        for (int k = 0; k < batches; k++) {
          lossSum += step.step(order, k * batchSize, correct, lr);
          flips.afterStep();
          int seen = (k + 1) * batchSize;
          listener.batchDone(epoch, k, lossSum / seen, correct[0] / (double) seen);
        }
        double testAccuracy = run.testAccuracy();
        double seconds = (System.nanoTime() - start) / 1e9;
        totalSeconds += seconds;
        int seen = batches * batchSize;
        List<FlipTracker.LayerFlips> layers = flips.endEpoch();
        EpochMetrics metrics = new EpochMetrics(epoch + 1, lossSum / seen, correct[0] / (double) seen, testAccuracy,
            lr, seconds, stage.name(), FlipTracker.overall(layers, true), FlipTracker.overall(layers, false), layers);
        history.add(metrics);
        listener.epochDone(metrics);
      }
    }
    return new Outcome(history, totalSeconds / config.epochs());
  }

  /** Fisher–Yates with the run's generator. */
  static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Share of predictions equal to the labels (0 for none). */
  static double accuracy(int[] predictions, byte[] labels) {
    int right = 0;
    for (int i = 0; i < predictions.length; i++) {
      if (predictions[i] == labels[i]) {
        right++;
      }
    }
    return predictions.length == 0 ? 0 : right / (double) predictions.length;
  }
}
