package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Dataset TRAIN = SyntheticImages.make(2000, 1);
  private static final Dataset TEST = SyntheticImages.make(500, 2);

  private static TrainConfig config(long seed) {
    return new TrainConfig(Architecture.named("tfc"), 4, 50, LearningRateSchedule.exponential(1e-2f, 1e-3f), seed, 128,
        0, 1000);
  }

  @Test
  void learnsASimpleImageTask() {
    TrainingResult result = new Trainer(config(7)).train(TRAIN, TEST, TrainingListener.NONE);
    assertTrue(result.testAccuracy() > 0.95, "test accuracy " + result.testAccuracy());
    assertEquals(4, result.epochs().size());
    assertTrue(result.epochs().get(3).loss() < result.epochs().get(0).loss());
  }

  @Test
  void sameSeedSameModelDifferentSeedDifferentModel() {
    TrainingResult a = new Trainer(config(3)).train(TRAIN, TEST, TrainingListener.NONE);
    TrainingResult b = new Trainer(config(3)).train(TRAIN, TEST, TrainingListener.NONE);
    TrainingResult c = new Trainer(config(4)).train(TRAIN, TEST, TrainingListener.NONE);
    float[] wa = a.network().dense(0).weights().value();
    assertArrayEquals(wa, b.network().dense(0).weights().value());
    assertArrayEquals(a.testPredictions(), b.testPredictions());
    assertTrue(!java.util.Arrays.equals(wa, c.network().dense(0).weights().value()));
  }

  @Test
  void learningRateDecaysExponentiallyFromStartToEnd() {
    LearningRateSchedule s = LearningRateSchedule.exponential(1e-2f, 1e-4f);
    assertEquals(1e-2f, s.at(0, 3), 1e-9);
    assertEquals(1e-3f, s.at(1, 3), 1e-7);
    assertEquals(1e-4f, s.at(2, 3), 1e-9);
    assertEquals(1e-2f, s.at(0, 1), 1e-9);
  }
}
