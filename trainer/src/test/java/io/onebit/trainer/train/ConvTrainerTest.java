package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.BitPacking;
import io.onebit.model.DeployModel;
import io.onebit.model.FlattenLayer;
import io.onebit.model.GoldenModel;
import io.onebit.model.Layer;
import io.onebit.model.MaxPoolLayer;
import io.onebit.model.TensorShape;
import io.onebit.trainer.cnn.ConvNet;
import io.onebit.trainer.cnn.ImageInputs;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.fold.ConvFold;
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

  private static ConvTrainingResult train(Architecture arch, long seed) {
    TrainConfig config = new TrainConfig(arch, 2, 50, LearningRateSchedule.exponential(1e-2f, 1e-3f), seed, 128, 1, 500);
    return new ConvTrainer(config).train(TRAIN, TEST, TrainingListener.NONE);
  }

  private static void assertFoldAgrees(ConvTrainingResult r) {
    DeployModel model = ConvFold.toDeployModel(r.network(), "tiny", ConvFold.inputSpec(r.network(), 128), Map.of());
    GoldenModel golden = new GoldenModel(model);
    int[] integer = new int[TEST.count()];
    for (int i = 0; i < TEST.count(); i++) {
      integer[i] = golden.infer(TEST.sample(i)).predictedClass();
    }
    assertArrayEquals(r.testPredictions(), integer, "golden model vs float network");
  }

  /**
   * Every hidden bit of the folded model equals the float network's sign, sample by sample and
   * block by block (conv_sign, maxpool AND/OR, flatten, dense_sign), on a 1-bit-input network
   * whose every layer the golden model exposes.
   */
  private static void assertHiddenBitsAgree(ConvTrainingResult r) {
    ConvNet net = r.network();
    DeployModel model = ConvFold.toDeployModel(net, "tiny", ConvFold.inputSpec(net, 128), Map.of());
    ImageInputs inputs = new ImageInputs(TEST, false, 128);
    float[] x = new float[TEST.count() * 64];
    inputs.gather(ConvNet.identityOrder(TEST.count()), 0, TEST.count(), x);
    List<float[]> blockSigns = new java.util.ArrayList<>();
    for (int b = 0; b < net.blocks().size() - 1; b++) {
      blockSigns.add(net.blockOutput(x, TEST.count(), b).clone());
    }
    List<Layer> layers = model.layers();
    int checked = 0;
    for (int i = 0; i < TEST.count(); i++) {
      int[] bits = GoldenModel.encodeInput(model.input(), TEST.sample(i), layers.get(0).inputShape());
      int block = 0;
      for (int l = 0; l < layers.size() - 1; l++) {
        bits = GoldenModel.hidden(bits, layers.get(l));
        Layer next = layers.get(l + 1);
        boolean blockEnds = !(layers.get(l) instanceof FlattenLayer) && !(next instanceof MaxPoolLayer);
        if (!blockEnds) {
          continue;
        }
        float[] signs = blockSigns.get(block);
        TensorShape shape = layers.get(l).outputShape();
        int size = shape.elements();
        for (int e = 0; e < size; e++) {
          int pixel = e / shape.channels();
          int bit = BitPacking.bit(bits, pixel * shape.pixelWords(), e % shape.channels());
          assertEquals(signs[i * size + e] < 0 ? 1 : 0, bit, "sample " + i + " block " + block + " element " + e);
          checked++;
        }
        block++;
      }
    }
    assertTrue(checked > 0);
  }

  @Test
  void thresholdInputCnnHiddenBitsAgreeExactly() {
    assertHiddenBitsAgree(train(THRESHOLD, 6));
  }

  @Test
  void eightBitInputCnnLearnsAndFoldsExactly() {
    ConvTrainingResult r = train(BITPLANES, 3);
    assertTrue(r.testAccuracy() > 0.9, "test accuracy " + r.testAccuracy());
    assertEquals(2, r.epochs().size());
    assertFoldAgrees(r);
  }

  @Test
  void thresholdInputCnnLearnsAndFoldsExactly() {
    ConvTrainingResult r = train(THRESHOLD, 4);
    assertTrue(r.testAccuracy() > 0.9, "test accuracy " + r.testAccuracy());
    assertFoldAgrees(r);
  }

  @Test
  void sameSeedSameModel() {
    ConvTrainingResult a = train(THRESHOLD, 5);
    ConvTrainingResult b = train(THRESHOLD, 5);
    assertArrayEquals(a.network().blocks().get(0).weights().weights().value(),
        b.network().blocks().get(0).weights().weights().value());
    assertArrayEquals(a.testPredictions(), b.testPredictions());
  }
}
