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
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.rl.RlMethod;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.util.Map;
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
    Dataset train = Datasets.load("mnist", "train", null, System.out::println).head(10000);
    Dataset test = Datasets.load("mnist", "test", null, System.out::println);
    TrainConfig config = TrainConfig.of(Architecture.named("tfc"))
        .with(TrainingMethods.REGISTRY.selector(), RlMethod.NAME).with(Trainer.EPOCHS, 8)
        .with(Trainer.BATCH_SIZE, 500).with(LearningRateSchedule.LR, 0.3f).with(LearningRateSchedule.LR_END, 0.1f)
        .with(Trainer.SEED, 5L).with(Trainer.STATISTICS_SAMPLES, 5000);
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);
    assertTrue(result.testAccuracy() > 0.7, "float accuracy " + result.testAccuracy());

    DeployModel model = Fold.toDeployModel(result.network(), "tfc_rl", Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    for (int i = 0; i < test.count(); i++) {
      if (golden.infer(test.sample(i)).predictedClass() == result.testPredictions()[i]) {
        agree++;
      }
    }
    assertTrue(agree >= test.count() - 5, "golden vs float agreement " + agree + "/" + test.count());

    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, SAMPLES, "rl-tfc-an386");
    QemuFixtures.keep("rl-tfc-mps2-an386", report);
    assertEquals(SAMPLES, report.samples());
    assertTrue(report.bitExact(), () -> report.mismatchCount() + " mismatches: " + report.mismatches().get(0).describe());
    assertTrue(report.accuracy() > 0.6, report.summary());
  }
}
