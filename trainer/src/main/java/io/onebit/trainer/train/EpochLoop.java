package io.onebit.trainer.train;

import io.onebit.trainer.method.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The loop of every training run: the method's stages in order, each stage's epochs with the
 * schedule's learning rate restarted, and in each epoch a fresh shuffle of the training samples
 * cut into whole batches. After every batch the flip tracker counts sign changes; after every
 * epoch the network reports its test accuracy and the epoch's metrics go to the listener. The
 * first non-finite loss stops the run ({@link TrainingDivergedException}); a time budget, when
 * set, ends the run after the batch that exceeds it (the epoch's metrics cover the batches run).
 *
 * <p>The generator is drawn from in a fixed order (the shuffle, then whatever the batch step
 * draws), so a seed fixes the run.
 */
final class EpochLoop {
  private EpochLoop() {}

  /** The network being trained, as the loop drives it. */
  interface Run {
    /** Enters a stage (forward mode, fresh optimizer); returns the update of one batch. */
    BatchUpdate enterStage(Stage stage);

    /** Test accuracy of the inference network for the current weights. */
    double testAccuracy();

    /** The method's own figures for the epoch just ended. */
    default Map<String, Double> epochMetrics() {
      return Map.of();
    }
  }

  /** Trains on the batch order[from .. from + batch size). */
  @FunctionalInterface
  interface BatchUpdate {
    /**
     * @param correct {@code correct[0]} is increased by the number of correct argmaxes
     * @return the summed loss over the batch
     */
    double step(int[] order, int from, int[] correct, float lr);
  }

  /** The per-epoch metrics and the mean wall-clock seconds per epoch. */
  record Outcome(List<EpochMetrics> history, double secondsPerEpoch) {}

  static Outcome run(TrainConfig config, List<Stage> stages, int samples, Random random, FlipTracker flips,
      TrainingListener listener, Run run) {
    int batchSize = config.batchSize();
    int batches = samples / batchSize;
    if (batches == 0) {
      throw new IllegalArgumentException("the batch size " + batchSize + " is larger than the " + samples
          + " training samples");
    }
    int totalEpochs = stages.stream().mapToInt(Stage::epochs).sum();
    Duration budget = config.timeBudget();
    long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
    int[] order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    List<EpochMetrics> history = new ArrayList<>();
    double totalSeconds = 0;
    int epoch = 0;
    boolean outOfTime = false;
    for (int s = 0; s < stages.size() && !outOfTime; s++) {
      Stage stage = stages.get(s);
      BatchUpdate step = run.enterStage(stage);
      for (int e = 0; e < stage.epochs() && !outOfTime; e++, epoch++) {
        long start = System.nanoTime();
        float lr = config.schedule().at(e, stage.epochs());
        shuffle(order, random);
        listener.epochStarted(epoch, totalEpochs, batches);
        double lossSum = 0;
        int[] correct = {0};
        int done = 0;
        for (int k = 0; k < batches && !outOfTime; k++) {
          double loss = step.step(order, k * batchSize, correct, lr);
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch + 1, k + 1, loss);
          }
          lossSum += loss;
          flips.afterStep();
          done = k + 1;
          int seen = done * batchSize;
          listener.batchDone(epoch, k, lossSum / seen, correct[0] / (double) seen);
          outOfTime = System.nanoTime() > deadline;
        }
        double testAccuracy = run.testAccuracy();
        double seconds = (System.nanoTime() - start) / 1e9;
        totalSeconds += seconds;
        int seen = done * batchSize;
        List<FlipTracker.LayerFlips> layers = flips.endEpoch();
        EpochMetrics metrics = new EpochMetrics(epoch + 1, lossSum / seen, correct[0] / (double) seen, testAccuracy,
            lr, seconds, stage.name(), FlipTracker.overall(layers, true), FlipTracker.overall(layers, false), layers,
            run.epochMetrics());
        history.add(metrics);
        listener.epochDone(metrics);
      }
    }
    return new Outcome(history, totalSeconds / history.size());
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
      if (predictions[i] == (labels[i] & 0xff)) {
        right++;
      }
    }
    return predictions.length == 0 ? 0 : right / (double) predictions.length;
  }
}
