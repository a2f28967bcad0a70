package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.MaxPoolLayer;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.util.List;
import java.util.Map;
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
    Dataset train = Datasets.load("mnist", "train", null, System.out::println).head(6000);
    Dataset test = Datasets.load("mnist", "test", null, System.out::println).head(2000);
    TrainConfig config = TrainConfig.of(SMALL).with(TrainingMethods.REGISTRY.selector(), BernoulliMethod.NAME)
        .with(Trainer.EPOCHS, 3).with(Trainer.BATCH_SIZE, 50).with(LearningRateSchedule.LR_END, 1e-3f)
        .with(Trainer.SEED, 3L)
        .with(Trainer.STATISTICS_SAMPLES, 2000);
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);

    DeployModel model = Fold.toDeployModel(result.network(), "bernoulli_cnn", Map.of());
    assertTrue(model.layers().get(1) instanceof MaxPoolLayer);
    GoldenModel golden = new GoldenModel(model);
    int[] integer = new int[test.count()];
    int correct = 0;
    for (int i = 0; i < test.count(); i++) {
      integer[i] = golden.infer(test.sample(i)).predictedClass();
      correct += integer[i] == test.label(i) ? 1 : 0;
    }
    assertArrayEquals(result.testPredictions(), integer, "golden model vs the trainer's binary network");
    // STE reaches 88.8 % with this small network and budget (3 epochs of 6000 images)
    assertTrue(correct > 0.75 * test.count(), "golden accuracy " + correct + "/" + test.count());

    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, SAMPLES, "bernoulli-cnn-an386");
    QemuFixtures.keep("bernoulli-cnn-mps2-an386", report);
    assertEquals(SAMPLES, report.samples());
    assertTrue(report.bitExact(), () -> report.mismatchCount() + " mismatches: " + report.mismatches().get(0).describe());
  }
}
