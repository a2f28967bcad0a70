package io.onebit.trainer.train;

import io.onebit.trainer.profile.TrainingProfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.TwoStageMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochLoopTest {
  private static final int SAMPLES = 23;
  private static final int BATCH = 5;

  /** A run that records what the loop asks of it. */
  private static final class Recorder implements EpochLoop.Run {
    final List<String> stages = new ArrayList<>();
    final List<Float> rates = new ArrayList<>();
    final List<int[]> batchSamples = new ArrayList<>();
    int tests;

    @Override
    public EpochLoop.BatchUpdate enterStage(Stage stage) {
      stages.add(stage.name());
      return (order, from, size, correct, lr) -> {
        rates.add(lr);
        batchSamples.add(Arrays.copyOfRange(order, from, from + size));
        correct[0] += 2;
        return 3.0;
      };
    }

    @Override
    public double testAccuracy() {
      return 0.25 * ++tests;
    }
  }

  private static TrainConfig config(String method, int epochs) {
    TrainConfig c = TrainConfig.of(Architecture.named("tfc")).with(TrainingMethods.REGISTRY.selector(), method)
        .with(Trainer.EPOCHS, epochs).with(Trainer.BATCH_SIZE, BATCH).with(LearningRateSchedule.LR, 1e-2f)
        .with(LearningRateSchedule.LR_END, 1e-4f);
    return method.equals("two-stage") ? c.with(TwoStageMethod.STAGE1_EPOCHS, 1) : c;
  }

  private static EpochLoop.Outcome run(TrainConfig config, Recorder recorder, long seed, List<int[]> started) {
    TrainingListener listener = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int epochs, int batches) {
        started.add(new int[] {epoch, epochs, batches});
      }
    };
    return EpochLoop.run(config, config.method().stages(config.epochs()), SAMPLES, new Random(seed),
        new FlipTracker(List.of(), TrainingProfile.off()), listener, recorder, Checkpoints.none());
  }

  @Test
  void everyEpochVisitsWholeBatchesOfAFreshPermutation() {
    Recorder recorder = new Recorder();
    List<int[]> started = new ArrayList<>();
    EpochLoop.Outcome outcome = run(config("ste", 3), recorder, 7, started);

    int batches = SAMPLES / BATCH + 1; // 4 whole batches and the remainder of 3 as a fifth
    assertEquals(3 * batches, recorder.batchSamples.size());
    for (int e = 0; e < 3; e++) {
      assertArrayEquals(new int[] {e, 3, batches}, started.get(e));
      int[] seen = new int[SAMPLES];
      int at = 0;
      for (int k = 0; k < batches; k++) {
        int[] b = recorder.batchSamples.get(e * batches + k);
        assertEquals(k < batches - 1 ? BATCH : SAMPLES % BATCH, b.length, "batch " + k);
        System.arraycopy(b, 0, seen, at, b.length);
        at += b.length;
      }
      assertEquals(SAMPLES, at, "every sample once per epoch");
      assertEquals(seen.length, Arrays.stream(seen).distinct().count(), "a sample twice in one epoch");
      assertEquals(0, Arrays.stream(seen).filter(s -> s < 0 || s >= SAMPLES).count());
    }
    assertNotEquals(Arrays.toString(recorder.batchSamples.get(0)),
        Arrays.toString(recorder.batchSamples.get(batches)), "the order is reshuffled each epoch");

    assertEquals(3, outcome.history().size());
    EpochMetrics last = outcome.history().get(2);
    assertEquals(3, last.epoch());
    assertEquals(5 * 3.0 / SAMPLES, last.loss(), 1e-12);
    assertEquals(5 * 2.0 / SAMPLES, last.trainAccuracy(), 1e-12);
    assertEquals(0.75, last.testAccuracy(), 1e-12);
  }

  @Test
  void theScheduleRestartsInEachStage() {
    Recorder recorder = new Recorder();
    EpochLoop.Outcome outcome = run(config("two-stage", 3), recorder, 7, new ArrayList<>());

    assertEquals(List.of("real-weights", "binary"), recorder.stages);
    assertEquals(List.of("real-weights", "binary", "binary"),
        outcome.history().stream().map(EpochMetrics::stage).toList());
    int batches = SAMPLES / BATCH + 1;
    assertEquals(1e-2f, recorder.rates.get(0), 1e-9); // stage 1: its only epoch starts at lr
    assertEquals(1e-2f, recorder.rates.get(batches), 1e-9); // stage 2 starts again at lr
    assertEquals(1e-4f, recorder.rates.get(2 * batches), 1e-9); // and ends at lr-end
  }

  @Test
  void theSeedFixesTheOrder() {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    Recorder c = new Recorder();
    run(config("ste", 2), a, 3, new ArrayList<>());
    run(config("ste", 2), b, 3, new ArrayList<>());
    run(config("ste", 2), c, 4, new ArrayList<>());
    for (int k = 0; k < a.batchSamples.size(); k++) {
      assertArrayEquals(a.batchSamples.get(k), b.batchSamples.get(k));
    }
    assertNotEquals(Arrays.toString(a.batchSamples.get(0)), Arrays.toString(c.batchSamples.get(0)));
  }

  @Test
  void accuracyIsTheShareOfMatchingLabels() {
    assertEquals(0.5, EpochLoop.accuracy(new int[] {1, 2, 3, 4}, new byte[] {1, 0, 3, 0}), 1e-12);
    assertEquals(0, EpochLoop.accuracy(new int[0], new byte[0]));
  }

  @Test
  void aSingleLeftoverSampleWaitsForTheNextShuffle() {
    Recorder recorder = new Recorder();
    TrainConfig c = config("ste", 1);
    EpochLoop.run(c, c.method().stages(1), 21, new Random(1), new FlipTracker(List.of(), TrainingProfile.off()), TrainingListener.NONE,
        recorder, Checkpoints.none());
    assertEquals(4, recorder.batchSamples.size(), "21 = 4 batches of 5 and one sample left over");
  }
}
