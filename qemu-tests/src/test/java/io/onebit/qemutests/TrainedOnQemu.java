package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.io.IOException;
import java.util.Map;

/**
 * The check every trained-model QEMU test makes, whatever trained the model: train on part of
 * MNIST, fold, compare the golden model's predictions on the test images with the trainer's
 * network, and run the first test images on QEMU's mps2-an386 (Cortex-M4), where every int32 score
 * must equal the golden model's.
 *
 * @param result the training run
 * @param model the folded deploy model
 * @param goldenCorrect test images the golden model classifies right
 * @param test the test images used
 * @param report the QEMU run of the first test images
 */
record TrainedOnQemu(TrainingResult result, DeployModel model, int goldenCorrect, Dataset test, QemuReport report) {
  /**
   * @param trainImages the first so many MNIST training images
   * @param testImages the first so many test images (0: all 10,000)
   * @param disagreements how many test images the golden model may classify differently from the
   *     trainer's network (0 where the trainer's inference is integer-exact, a few for MLPs, whose
   *     float sums may round a tie the other way)
   * @param samples test images run on QEMU
   * @param name the model's name, and of its work directory and report
   */
  static TrainedOnQemu run(TrainConfig config, int trainImages, int testImages, int disagreements, int samples,
      String name) throws IOException {
    Dataset train = Datasets.load("mnist", "train", null, System.out::println).head(trainImages);
    Dataset all = Datasets.load("mnist", "test", null, System.out::println);
    Dataset test = testImages > 0 ? all.head(testImages) : all;
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);

    DeployModel model = Fold.toDeployModel(result.network(), name.replace('-', '_'), Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    int correct = 0;
    for (int i = 0; i < test.count(); i++) {
      int predicted = golden.infer(test.sample(i)).predictedClass();
      agree += predicted == result.testPredictions()[i] ? 1 : 0;
      correct += predicted == test.label(i) ? 1 : 0;
    }
    assertTrue(agree >= test.count() - disagreements,
        "golden model vs the trainer's network: " + agree + "/" + test.count() + " agree");

    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, samples, name + "-an386");
    QemuFixtures.keep(name + "-mps2-an386", report);
    assertEquals(samples, report.samples());
    assertTrue(report.bitExact(), () -> report.mismatchCount() == 0 ? report.summary()
        : report.mismatchCount() + " mismatches: " + report.mismatches().get(0).describe());
    return new TrainedOnQemu(result, model, correct, test, report);
  }

  /** The golden model's test accuracy. */
  double goldenAccuracy() {
    return goldenCorrect / (double) test.count();
  }
}
