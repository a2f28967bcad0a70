package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.fold.Fold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trains tiny CNNs briefly and holds the folded integer model equal to the float network. */
class ConvTrainerTest {
  private static final Dataset TRAIN = SyntheticImages.make(1000, 1);
  private static final Dataset TEST = SyntheticImages.make(300, 2);

  /** 8-bit input; same-padded conv with pooling, a valid conv, a dense layer. */
  static final Architecture BITPLANES = new Architecture("tiny-bitplanes", Architecture.BITPLANES, List.of(
      LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.maxpool(2, 2),
      LayerSpec.conv(16, 3, 3, 1, "valid"), LayerSpec.dense(16)));

  /** 1-bit input; a strided same-padded conv, pooling with stride 1, a valid 2x2 conv and pooling again. */
  static final Architecture THRESHOLD = new Architecture("tiny-threshold", Architecture.THRESHOLD, List.of(
      LayerSpec.conv(8, 3, 3, 2, "same"), LayerSpec.maxpool(2, 1),
      LayerSpec.conv(12, 2, 2, 1, "valid"), LayerSpec.maxpool(2, 1), LayerSpec.dense(12)));

  static TrainingResult train(Architecture arch, long seed) {
    TrainConfig config = Configs.small(arch, 2, seed, 1).with(Trainer.STATISTICS_SAMPLES, 500);
    return Trainer.train(config, TRAIN, TEST, TrainingListener.NONE);
  }

  static void assertFoldAgrees(TrainingResult r, Dataset test) {
    DeployModel model = Fold.toDeployModel(r.network(), "tiny", Map.of());
    GoldenModel golden = new GoldenModel(model);
    int[] integer = new int[test.count()];
    for (int i = 0; i < test.count(); i++) {
      integer[i] = golden.infer(test.sample(i)).predictedClass();
    }
    assertArrayEquals(r.testPredictions(), integer, "golden model vs float network");
  }

  @Test
  void eightBitInputCnnLearnsAndFoldsExactly() {
    TrainingResult r = train(BITPLANES, 3);
    assertTrue(r.testAccuracy() > 0.9, "test accuracy " + r.testAccuracy());
    assertEquals(2, r.epochs().size());
    assertFoldAgrees(r, TEST);
  }

  @Test
  void thresholdInputCnnLearnsAndFoldsExactly() {
    TrainingResult r = train(THRESHOLD, 4);
    assertTrue(r.testAccuracy() > 0.9, "test accuracy " + r.testAccuracy());
    assertFoldAgrees(r, TEST);
  }

  @Test
  void sameSeedSameModel() {
    TrainingResult a = train(THRESHOLD, 5);
    TrainingResult b = train(THRESHOLD, 5);
    assertArrayEquals(a.network().weightLayers().get(0).latent().value(),
        b.network().weightLayers().get(0).latent().value());
    assertArrayEquals(a.testPredictions(), b.testPredictions());
  }
}
