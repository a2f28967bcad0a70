package io.onebit.trainer.train;

import io.onebit.model.Json;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.state.TrainingState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The loop of every training run: the method's stages in order, each stage's epochs with the
 * schedule's learning rate restarted, and in each epoch a fresh shuffle of the training samples
 * cut into whole batches. After every batch the flip tracker counts sign changes; after every
 * epoch the network reports its test accuracy and the epoch's metrics go to the listener. The
 * first non-finite loss stops the run ({@link TrainingDivergedException}); a time budget, when
 * set, ends the run after the batch that exceeds it (the epoch's metrics cover the batches run),
 * and the run may stop itself after an epoch ({@link Run#afterEpoch}: early stopping).
 *
 * <p>With {@link Checkpoints}, the loop saves its whole state after every epoch and, when a stop
 * is requested, at the next batch boundary; resumed from such a state (with the generator of
 * {@link #savedRandom}) it continues exactly where it was, the sample order and every count
 * included.
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

    /** Writes the model's state (network, the current stage's step) into a checkpoint. */
    default void saveState(TrainingState state) {}

    /** Restores the current stage's step state after {@link #enterStage} on a resumed run. */
    default void restoreStepState(TrainingState state) {}

    /** Called with each epoch's metrics; true stops training (early stop). */
    default boolean afterEpoch(EpochMetrics metrics) {
      return false;
    }
  }

  /** Trains on the batch order[from .. from + size). */
  @FunctionalInterface
  interface BatchUpdate {
    /**
     * @param correct {@code correct[0]} is increased by the number of correct argmaxes
     * @return the summed loss over the batch
     */
    double step(int[] order, int from, int size, int[] correct, float lr);
  }

  /** The per-epoch metrics and the mean wall-clock seconds per epoch. */
  record Outcome(List<EpochMetrics> history, double secondsPerEpoch) {}

  static Outcome run(TrainConfig config, List<Stage> stages, int samples, Random random, FlipTracker flips,
      TrainingListener listener, Run run, Checkpoints checkpoints) {
    int batchSize = config.batchSize();
    // Whole batches, and the remainder as a last, smaller batch when it has at least two samples
    // (BatchNorm needs two); a single leftover sample waits for the next epoch's shuffle.
    int rest = samples % batchSize;
    int batches = samples / batchSize + (rest >= 2 ? 1 : 0);
    int perEpoch = samples - (rest >= 2 ? 0 : rest);
    if (batchSize > samples) {
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
    int firstStage = 0;
    int firstEpoch = 0;
    int firstBatch = 0;
    double resumedLoss = 0;
    int resumedCorrect = 0;
    double resumedSeconds = 0;
    TrainingState resume = checkpoints.resumeFrom();
    if (resume != null) {
      firstStage = (int) resume.getLong("loop.stage");
      firstEpoch = (int) resume.getLong("loop.stage_epoch");
      firstBatch = (int) resume.getLong("loop.batch");
      epoch = (int) resume.getLong("loop.epoch");
      int[] saved = resume.ints("loop.order");
      if (saved.length != samples) {
        throw new IllegalArgumentException("the checkpoint was written for " + saved.length + " training samples, not "
            + samples);
      }
      System.arraycopy(saved, 0, order, 0, samples);
      resumedLoss = resume.getDouble("loop.loss_sum");
      resumedCorrect = (int) resume.getLong("loop.correct");
      resumedSeconds = resume.getDouble("loop.epoch_seconds");
      totalSeconds = resume.getDouble("loop.total_seconds");
      flips.restoreState(resume);
      history.addAll(readHistory(resume.bytes("loop.history")));
    }
    checkpoints.started();
    try {
      boolean stop = false;
      for (int s = firstStage; s < stages.size() && !stop; s++) {
        Stage stage = stages.get(s);
        BatchUpdate step = run.enterStage(stage);
        boolean resumingStage = resume != null && s == firstStage;
        if (resumingStage) {
          run.restoreStepState(resume);
        }
        int startEpoch = resumingStage ? firstEpoch : 0;
        for (int e = startEpoch; e < stage.epochs() && !stop; e++, epoch++) {
          boolean resumingEpoch = resumingStage && e == firstEpoch;
          int startBatch = resumingEpoch ? firstBatch : 0;
          long start = System.nanoTime();
          double earlier = resumingEpoch ? resumedSeconds : 0;
          float lr = stage.learningRate(config.schedule(), e);
          if (startBatch == 0) {
            shuffle(order, random);
          }
          listener.epochStarted(epoch, totalEpochs, batches);
          double lossSum = resumingEpoch ? resumedLoss : 0;
          int[] correct = {resumingEpoch ? resumedCorrect : 0};
          int done = startBatch;
          for (int k = startBatch; k < batches && !stop; k++) {
            int size = Math.min(batchSize, perEpoch - k * batchSize);
            double loss = step.step(order, k * batchSize, size, correct, lr);
            if (!Double.isFinite(loss)) {
              throw new TrainingDivergedException(epoch + 1, k + 1, loss);
            }
            lossSum += loss;
            flips.afterStep();
            done = k + 1;
            int seen = Math.min(perEpoch, done * batchSize);
            listener.batchDone(epoch, k, lossSum / seen, correct[0] / (double) seen);
            stop = System.nanoTime() > deadline;
            if (checkpoints.stopRequested() && done < batches) {
              checkpoints.save(snapshot(run, s, e, done, epoch, order, lossSum, correct[0],
                  earlier + (System.nanoTime() - start) / 1e9, totalSeconds, random, flips, history));
              throw new TrainingInterruptedException(checkpoints.file(), epoch + 1, done);
            }
          }
          double testAccuracy = run.testAccuracy();
          double seconds = earlier + (System.nanoTime() - start) / 1e9;
          totalSeconds += seconds;
          int seen = Math.min(perEpoch, done * batchSize);
          List<FlipTracker.LayerFlips> layers = flips.endEpoch();
          EpochMetrics metrics = new EpochMetrics(epoch + 1, lossSum / seen, correct[0] / (double) seen, testAccuracy,
              lr, seconds, stage.name(), FlipTracker.overall(layers, true), FlipTracker.overall(layers, false), layers,
              run.epochMetrics());
          history.add(metrics);
          listener.epochDone(metrics);
          stop |= run.afterEpoch(metrics);
          boolean lastOfStage = e + 1 == stage.epochs();
          if (checkpoints.enabled() && !stop && !(lastOfStage && s + 1 == stages.size())) {
            checkpoints.save(snapshot(run, lastOfStage ? s + 1 : s, lastOfStage ? 0 : e + 1, 0, epoch + 1, order, 0, 0,
                0, totalSeconds, random, flips, history));
          }
          if (checkpoints.stopRequested()) {
            throw new TrainingInterruptedException(checkpoints.file(), epoch + 2, 0);
          }
        }
      }
    } finally {
      checkpoints.stopped();
    }
    return new Outcome(history, totalSeconds / history.size());
  }

  /** The whole state at a batch boundary: the next batch is {@code batch} of epoch {@code stageEpoch} of stage {@code stage}. */
  private static TrainingState snapshot(Run run, int stage, int stageEpoch, int batch, int epoch, int[] order,
      double lossSum, int correct, double epochSeconds, double totalSeconds, Random random, FlipTracker flips,
      List<EpochMetrics> history) {
    TrainingState state = new TrainingState();
    state.putLong("loop.stage", stage);
    state.putLong("loop.stage_epoch", stageEpoch);
    state.putLong("loop.batch", batch);
    state.putLong("loop.epoch", epoch);
    state.putInts("loop.order", order);
    state.putDouble("loop.loss_sum", lossSum);
    state.putLong("loop.correct", correct);
    state.putDouble("loop.epoch_seconds", epochSeconds);
    state.putDouble("loop.total_seconds", totalSeconds);
    state.putBytes("loop.random", saveRandom(random));
    state.putBytes("loop.history", writeHistory(history));
    flips.saveState(state);
    run.saveState(state);
    return state;
  }

  /** java.util.Random is serializable: its 48-bit seed and the cached Gaussian go with it. */
  private static byte[] saveRandom(Random random) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ObjectOutputStream o = new ObjectOutputStream(out)) {
        o.writeObject(random);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The generator saved in a checkpoint, in the state it had then. The trainer continues with it
   * in place of the one it seeded (whose draws so far, the initial weights, the checkpoint replaces).
   */
  static Random savedRandom(TrainingState state) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state.bytes("loop.random")))) {
      return (Random) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("the checkpoint's generator cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] writeHistory(List<EpochMetrics> history) {
    try {
      return Json.mapper().writeValueAsBytes(history);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<EpochMetrics> readHistory(byte[] bytes) {
    try {
      return Arrays.asList(Json.mapper().readValue(bytes, EpochMetrics[].class));
    } catch (IOException e) {
      throw new IllegalArgumentException("the checkpoint's history cannot be read: " + e.getMessage(), e);
    }
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
