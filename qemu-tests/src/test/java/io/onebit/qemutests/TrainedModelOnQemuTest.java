package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.util.Map;
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
    Dataset train = Datasets.load("mnist", "train", null, System.out::println).head(20000);
    Dataset test = Datasets.load("mnist", "test", null, System.out::println);
    TrainConfig config = TrainConfig.of(Architecture.named("tfc")).with(Trainer.EPOCHS, 3)
        .with(LearningRateSchedule.LR_END, 1e-4f).with(Trainer.SEED, 5L).with(Trainer.STATISTICS_SAMPLES, 5000);
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);
    assertTrue(result.testAccuracy() > 0.85, "float accuracy " + result.testAccuracy());

    DeployModel model = Fold.toDeployModel(result.network(), "tfc_mnist", Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    for (int i = 0; i < test.count(); i++) {
      if (golden.infer(test.sample(i)).predictedClass() == result.testPredictions()[i]) {
        agree++;
      }
    }
    assertTrue(agree >= test.count() - 5, "golden vs float agreement " + agree + "/" + test.count());

    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, SAMPLES, "trained-tfc-an386");
    QemuFixtures.keep("trained-tfc-mps2-an386", report);
    assertEquals(SAMPLES, report.samples());
    assertTrue(report.bitExact(), report::summary);
    assertTrue(report.accuracy() > 0.85, report.summary());
  }
}
