package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.ConvSignLayer;
import io.onebit.model.MaxPoolLayer;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convolutional pipeline on real data: train a small CNN with an 8-bit first layer (bit
 * planes), a strided 1-bit convolution, max-pooling and a dense head on part of MNIST, fold it,
 * and run its firmware on QEMU's mps2-an386 (Cortex-M4). Every int32 score must equal the golden
 * model's, and the golden model must predict exactly what the float network predicts.
 */
class TrainedCnnOnQemuTest {
  private static final int SAMPLES = 300;

  private static final Architecture SMALL_CNN = new Architecture("small-cnn", Architecture.BITPLANES, List.of(
      LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.maxpool(2, 2),
      LayerSpec.conv(20, 3, 3, 2, "same"), LayerSpec.maxpool(2, 2),
      LayerSpec.dense(24)));

  @Test
  void trainedCnnIsBitExactOnTheCortexM4() throws Exception {
    TrainConfig config = TrainConfig.of(SMALL_CNN).with(Trainer.EPOCHS, 2).with(Trainer.BATCH_SIZE, 50)
        .with(LearningRateSchedule.LR_END, 1e-3f).with(Trainer.SEED, 3L).with(Trainer.STATISTICS_SAMPLES, 2000);
    TrainedOnQemu run = TrainedOnQemu.run(config, 6000, 2000, 0, SAMPLES, "trained-cnn");
    var layers = run.model().layers();
    assertTrue(layers.get(0) instanceof BitplaneConvSignLayer);
    assertTrue(layers.get(2) instanceof ConvSignLayer && layers.get(1) instanceof MaxPoolLayer);
    assertTrue(run.goldenAccuracy() > 0.8, "golden accuracy " + run.goldenAccuracy());
  }
}
