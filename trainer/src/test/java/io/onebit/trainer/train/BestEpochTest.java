package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.data.Dataset;
import org.junit.jupiter.api.Test;

/** A validation split picks the epoch and stops early; without one, early stopping is refused. */
class BestEpochTest {
  private static final Dataset TRAIN = SyntheticImages.make(1000, 1);
  private static final Dataset VALIDATION = SyntheticImages.make(300, 3);

  @Test
  void theBestValidationEpochIsTheOneKept() {
    TrainConfig c = Configs.small("tfc", 6, 2, 0);
    TrainingResult r = Trainer.train(c, TRAIN, VALIDATION, Trainer.Options.defaults().withValidation(true));
    double best = r.epochs().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElseThrow();
    assertEquals(best, r.testAccuracy(), 1e-12, "the final network is the best epoch's: " + r.epochs());
  }

  @Test
  void patienceStopsTrainingEarly() {
    // a vanishing rate cannot improve validation accuracy: it stops after 1 + 2 epochs
    TrainConfig c = Configs.small("tfc", 20, 2, 0).with(LearningRateSchedule.LR, Float.MIN_VALUE)
        .with(LearningRateSchedule.LR_END, Float.MIN_VALUE).with(Trainer.EARLY_STOP, 2);
    TrainingResult r = Trainer.train(c, TRAIN, VALIDATION, Trainer.Options.defaults().withValidation(true));
    assertTrue(r.epochs().size() <= 3, r.epochs().size() + " epochs");
    assertThrows(IllegalArgumentException.class, () -> Trainer.train(c, TRAIN, VALIDATION, TrainingListener.NONE));
  }
}
