package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.QemuReport;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DatasetLoader;
import io.onebit.trainer.data.DeployInputs;
import io.onebit.trainer.data.LoadOptions;
import io.onebit.trainer.data.LoadedData;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own data end to end: load → train → fold (with the fitted input map or the per-channel raw
 * thresholds) → golden model → C → QEMU mps2-an386. The golden model, fed the raw integers, must
 * predict exactly what the float network predicted from the mapped bytes, and the firmware must print
 * the golden model's scores: an int16 3-axis time series through a [1, k] conv, an RGB image folder
 * the test writes, and scikit-learn's digits through an MLP on per-pixel thresholds.
 */
class TrainedOwnDataOnQemuTest {
  @TempDir Path dir;

  @Test
  void int16SensorWindowsThroughAConv1dAreBitExact() throws Exception {
    LoadedData data = DatasetLoader.load("sensor-motion", LoadOptions.defaults(), System.out::println);
    Architecture arch = new Architecture("motion-small", Architecture.BITPLANES, List.of(
        LayerSpec.conv(16, 1, 5, 1, "same"), LayerSpec.maxpool(1, 2, 2), LayerSpec.conv(16, 1, 3, 1, "valid"),
        LayerSpec.dense(16)));
    DeployModel model = trainCnn(arch, data.train(), data.test().head(400), "motion_small", 6);
    assertEquals(SampleType.INT16, model.input().type());
    assertTrue(model.input().map() != null, "int16 counts are mapped to 8 bits in the model");
    check(model, data.test().head(400), 150, "own-motion-an386", 0.45);
  }

  @Test
  void anRgbImageFolderIsBitExact() throws Exception {
    Random random = new Random(77);
    for (String split : List.of("train", "test")) {
      for (String cls : List.of("reddish", "bluish")) {
        for (int i = 0; i < (split.equals("train") ? 150 : 50); i++) {
          BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
              int strong = 120 + random.nextInt(136);
              int weak = random.nextInt(140);
              int g = random.nextInt(256);
              image.setRGB(x, y, cls.equals("reddish") ? strong << 16 | g << 8 | weak : weak << 16 | g << 8 | strong);
            }
          }
          Path file = dir.resolve("rgb/" + split + "/" + cls + "/" + i + ".png");
          Files.createDirectories(file.getParent());
          ImageIO.write(image, "png", file.toFile());
        }
      }
    }
    LoadedData data = DatasetLoader.load(dir.resolve("rgb").toString(), LoadOptions.defaults(), System.out::println);
    assertEquals(3, data.train().channels());
    Architecture arch = new Architecture("rgb-small", Architecture.BITPLANES, List.of(
        LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.maxpool(2, 2), LayerSpec.dense(16)));
    DeployModel model = trainCnn(arch, data.train(), data.test(), "rgb_small", 3);
    assertEquals(3, model.input().channels());
    check(model, data.test(), 100, "own-rgb-an386", 0.8);
  }

  @Test
  void aCsvOfFractionalFeaturesThroughAnEightBitFirstLayerIsBitExact() throws Exception {
    // 3 classes of 6 features with decimals (fixed point on the device), centres apart by about 1.5 spreads.
    Random random = new Random(9);
    StringBuilder csv = new StringBuilder("f0,f1,f2,f3,f4,f5,label\n");
    for (int i = 0; i < 600; i++) {
      int label = i % 3;
      for (int f = 0; f < 6; f++) {
        double centre = (f % 3 == label ? 1.5 : 0) * (f < 3 ? 1 : -40);
        csv.append(String.format(java.util.Locale.ROOT, "%.4f,", centre + random.nextGaussian() * (f < 3 ? 1 : 40)));
      }
      csv.append("c").append(label).append('\n');
    }
    Path file = dir.resolve("features.csv");
    Files.writeString(file, csv.toString());
    LoadedData data = DatasetLoader.load(file.toString(), LoadOptions.defaults(), System.out::println);
    assertEquals(SampleType.INT16, data.train().type(), "signed fractions become int16 fixed point");
    DeployModel model = trainCnn(Architecture.named("tabular-8bit"), data.train(), data.test(), "features", 6);
    assertTrue(model.layers().get(0) instanceof io.onebit.model.BitplaneConvSignLayer, "a 1x1 bitplane conv over the features");
    check(model, data.test(), 120, "own-features-an386", 0.6);
  }

  @Test
  void digitsThroughAnMlpOnPerPixelRawThresholdsAreBitExact() throws Exception {
    LoadedData data = DatasetLoader.load("digits", LoadOptions.defaults(), System.out::println);
    TrainConfig config = TrainConfig.of(Architecture.mlp("digits-mlp", 64, 64)).with(Trainer.EPOCHS, 8)
        .with(Trainer.BATCH_SIZE, 20).with(LearningRateSchedule.LR_END, 1e-3f).with(InputEncoding.THRESHOLD, 128)
        .with(ShiftAugmentation.MAX_SHIFT, 0).with(Trainer.STATISTICS_SAMPLES, 2000);
    TrainingResult result = Trainer.train(config, data.train(), data.test(), TrainingListener.NONE);
    InputSpec input = DeployInputs.of(false, 128, data.train());
    // Digits (0..16) are mapped onto 0..255: "byte >= 128" is "raw >= 9" (q(8) = 127, q(9) = 143).
    assertArrayEquals(new int[] {9}, input.thresholds());
    DeployModel model = Fold.toDeployModel(result.network(), "digits_mlp", Map.of())
        .with(input, data.train().classNames());
    assertGoldenEqualsFloat(model, data.test(), result.testPredictions());
    check(model, data.test(), 200, "own-digits-an386", 0.8);
  }

  private static DeployModel trainCnn(Architecture arch, Dataset train, Dataset test, String name, int epochs) {
    TrainConfig config = TrainConfig.of(arch).with(Trainer.EPOCHS, epochs).with(Trainer.BATCH_SIZE, 50)
        .with(LearningRateSchedule.LR_END, 1e-3f).with(Trainer.SEED, 2L).with(ShiftAugmentation.MAX_SHIFT, 0)
        .with(Trainer.STATISTICS_SAMPLES, 1000);
    if (!arch.bitplanes()) {
      config = config.with(InputEncoding.THRESHOLD, 64);
    }
    TrainingResult result = Trainer.train(config, train, test, TrainingListener.NONE);
    InputSpec input = DeployInputs.of(arch.bitplanes(), 64, train);
    DeployModel model = Fold.toDeployModel(result.network(), name, Map.of()).with(input, train.classNames());
    assertGoldenEqualsFloat(model, test, result.testPredictions());
    return model;
  }

  private static void assertGoldenEqualsFloat(DeployModel model, Dataset test, int[] floatPredictions) {
    GoldenModel golden = new GoldenModel(model);
    int[] integer = new int[test.count()];
    for (int i = 0; i < test.count(); i++) {
      integer[i] = golden.infer(test.sample(i)).predictedClass();
    }
    assertArrayEquals(floatPredictions, integer, model.name() + ": golden model (raw input) vs float network (mapped bytes)");
  }

  private static void check(DeployModel model, Dataset test, int samples, String work, double minAccuracy)
      throws Exception {
    QemuReport report = QemuFixtures.runFirstSamples(model, "mps2-an386", test, samples, work);
    QemuFixtures.keep(work, report);
    assertEquals(samples, report.samples());
    assertTrue(report.bitExact(), () -> report.mismatchCount() + " mismatches: " + report.mismatches().get(0).describe());
    assertTrue(report.accuracy() >= minAccuracy, work + ": on-device accuracy " + report.accuracy());
  }
}
