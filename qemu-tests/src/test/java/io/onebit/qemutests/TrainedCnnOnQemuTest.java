package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.QemuReport;
import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.ConvSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.MaxPoolLayer;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingResult;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.TrainingListener;
import java.util.List;
import java.util.Map;
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
    Dataset train = Datasets.load("mnist", "train", null, System.out::println).head(6000);
    Dataset test = Datasets.load("mnist", "test", null, System.out::println).head(2000);
    TrainConfig config = TrainConfig.of(SMALL_CNN).with(Trainer.EPOCHS, 2).with(Trainer.BATCH_SIZE, 50)
        .with(LearningRateSchedule.LR_END, 1e-3f).with(Trainer.SEED, 3L).with(Trainer.STATISTICS_SAMPLES, 2000);
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);

    DeployModel model = Fold.toDeployModel(result.network(), "small_cnn", Map.of());
    assertTrue(model.layers().get(0) instanceof BitplaneConvSignLayer);
    assertTrue(model.layers().get(2) instanceof ConvSignLayer && model.layers().get(1) instanceof MaxPoolLayer);
    GoldenModel golden = new GoldenModel(model);
    int[] integer = new int[test.count()];
    int correct = 0;
    for (int i = 0; i < test.count(); i++) {
      integer[i] = golden.infer(test.sample(i)).predictedClass();
      correct += integer[i] == test.label(i) ? 1 : 0;
    }
    assertArrayEquals(result.testPredictions(), integer, "golden model vs float network");
    assertTrue(correct > 0.8 * test.count(), "golden accuracy " + correct + "/" + test.count());

    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, SAMPLES, "trained-cnn-an386");
    QemuFixtures.keep("trained-cnn-mps2-an386", report);
    assertEquals(SAMPLES, report.samples());
    assertTrue(report.bitExact(), report::summary);
  }
}
