package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on real data: train a small binary MLP (TFC, 784-64-64-64-10) on MNIST,
 * fold it, and run its firmware on QEMU's mps2-an386 (Cortex-M4). Every int32 score of every
 * sample must equal the golden model's, and the golden model must predict what the float
 * network predicts. MNIST comes from the data cache (the test command fetches it first).
 */
class TrainedModelOnQemuTest {
  private static final int SAMPLES = 500;

  @Test
  void trainedTfcIsBitExactOnTheCortexM4() throws Exception {
    TrainConfig config = TrainConfig.of(Architecture.named("tfc")).with(Trainer.EPOCHS, 3)
        .with(LearningRateSchedule.LR_END, 1e-4f).with(Trainer.SEED, 5L).with(Trainer.STATISTICS_SAMPLES, 5000);
    TrainedOnQemu run = TrainedOnQemu.run(config, 20000, 0, 5, SAMPLES, "trained-tfc");
    assertTrue(run.result().testAccuracy() > 0.85, "float accuracy " + run.result().testAccuracy());
    assertTrue(run.report().accuracy() > 0.85, run.report().summary());
  }
}
