package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.rl.RlMethod;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * A network trained without backpropagation goes through the same fold and codegen as any
 * other: TFC trained briefly (8 passes over 10,000 images) by {@code --method rl} on MNIST (the policy's mode, BatchNorm
 * statistics set by the trainer), folded, and run on QEMU's mps2-an386 (Cortex-M4): every int32
 * score equals the golden model's, and the golden model predicts what the float network does.
 */
class RlTrainedModelOnQemuTest {
  private static final int SAMPLES = 300;

  @Test
  void rlTrainedTfcIsBitExactOnTheCortexM4() throws Exception {
    TrainConfig config = TrainConfig.of(Architecture.named("tfc"))
        .with(TrainingMethods.REGISTRY.selector(), RlMethod.NAME).with(Trainer.EPOCHS, 8)
        .with(Trainer.BATCH_SIZE, 500).with(LearningRateSchedule.LR, 0.3f).with(LearningRateSchedule.LR_END, 0.1f)
        .with(Trainer.SEED, 5L).with(Trainer.STATISTICS_SAMPLES, 5000);
    TrainedOnQemu run = TrainedOnQemu.run(config, 10000, 0, 5, SAMPLES, "rl-tfc");
    assertTrue(run.result().testAccuracy() > 0.7, "float accuracy " + run.result().testAccuracy());
    assertTrue(run.report().accuracy() > 0.6, run.report().summary());
  }
}
