package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.optim.Optimizers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Dataset TRAIN = SyntheticImages.make(2000, 1);
  private static final Dataset TEST = SyntheticImages.make(500, 2);

  private static TrainingResult train(TrainConfig config) {
    return Trainer.train(config, TRAIN, TEST, TrainingListener.NONE);
  }

  @Test
  void learnsASimpleImageTask() {
    TrainingResult result = train(Configs.small("tfc", 4, 7, 0));
    assertTrue(result.testAccuracy() > 0.95, "test accuracy " + result.testAccuracy());
    assertEquals(4, result.epochs().size());
    assertTrue(result.epochs().get(3).loss() < result.epochs().get(0).loss());
  }

  @Test
  void sameSeedSameModelDifferentSeedDifferentModel() {
    TrainingResult a = train(Configs.small("tfc", 4, 3, 0));
    TrainingResult b = train(Configs.small("tfc", 4, 3, 0));
    TrainingResult c = train(Configs.small("tfc", 4, 4, 0));
    float[] wa = a.network().weightLayers().get(0).latent().value();
    assertArrayEquals(wa, b.network().weightLayers().get(0).latent().value());
    assertArrayEquals(a.testPredictions(), b.testPredictions());
    assertTrue(!java.util.Arrays.equals(wa, c.network().weightLayers().get(0).latent().value()));
  }

  @Test
  void aDivergingRunStopsAtTheFirstNonFiniteLossSayingWhere() {
    // SGD at the largest float rate sends BatchNorm's gamma and beta to infinity within a few steps.
    TrainConfig wild = Configs.small("tfc", 2, 1, 0).with(Optimizers.REGISTRY.selector(), "sgd")
        .with(LearningRateSchedule.LR, Float.MAX_VALUE).with(LearningRateSchedule.LR_END, Float.MAX_VALUE);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(wild));
    assertTrue(e.getMessage().startsWith("training diverged at epoch "), e.getMessage());
  }

  @Test
  void aBatchLargerThanTheTrainingSetIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> train(Configs.small("tfc", 1, 1, 0).with(Trainer.BATCH_SIZE, 2001)));
    assertTrue(e.getMessage().contains("batch size 2001 is larger than the 2000 training samples"), e.getMessage());
  }

  @Test
  void aTimeBudgetEndsTheRunEarlyWithAUsableNetwork() {
    TrainingResult r = train(Configs.small("sfc", 50, 1, 0).with(Trainer.TIME_BUDGET, Duration.ofMillis(1)));
    assertEquals(1, r.epochs().size(), "stops in the first epoch");
    assertTrue(r.testPredictions().length == TEST.count());
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
