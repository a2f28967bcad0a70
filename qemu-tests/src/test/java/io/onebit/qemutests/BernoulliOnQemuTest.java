package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.MaxPoolLayer;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network trained by the Bernoulli method (probabilistic weights, binarised at the end) goes
 * through the same fold, codegen and firmware as any other: a small thresholded CNN with a
 * max-pool (whose BatchNorm thresholds the method moves onto the pooled values) trained on part of
 * MNIST, run on QEMU's mps2-an386. Every int32 score equals the golden model's, and the golden
 * model predicts exactly what the trainer's binary network predicts.
 */
class BernoulliOnQemuTest {
  private static final int SAMPLES = 300;

  private static final Architecture SMALL = new Architecture("bernoulli-cnn", Architecture.THRESHOLD, List.of(
      LayerSpec.conv(8, 5, 5, 2, "valid"), LayerSpec.maxpool(2, 2), LayerSpec.conv(16, 3, 3, 1, "same"),
      LayerSpec.dense(32)));

  @Test
  void bernoulliTrainedCnnIsBitExactOnTheCortexM4() throws Exception {
    TrainConfig config = TrainConfig.of(SMALL).with(TrainingMethods.REGISTRY.selector(), BernoulliMethod.NAME)
        .with(Trainer.EPOCHS, 3).with(Trainer.BATCH_SIZE, 50).with(LearningRateSchedule.LR_END, 1e-3f)
        .with(Trainer.SEED, 3L).with(Trainer.STATISTICS_SAMPLES, 2000);
    TrainedOnQemu run = TrainedOnQemu.run(config, 6000, 2000, 0, SAMPLES, "bernoulli-cnn");
    assertTrue(run.model().layers().get(1) instanceof MaxPoolLayer);
    // STE reaches 88.8 % with this small network and budget (3 epochs of 6000 images)
    assertTrue(run.goldenAccuracy() > 0.75, "golden accuracy " + run.goldenAccuracy());
  }
}
