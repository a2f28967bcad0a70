package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.method.GradientSettings;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.quant.Quantizers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every method, optimizer and quantizer trains on every architecture kind (a fully connected
 * network and a CNN) the same network that fold deploys. Stochastic weights need a larger rate on
 * the small CNN: a draw is nearly a coin toss until |W| approaches 1 (at 1e-2 it reaches 71 % in
 * 10 epochs, at 5e-2 97 % in 4).
 */
class RecipesTest {
  private static final Dataset TRAIN = SyntheticImages.make(2000, 1);
  private static final Dataset TEST = SyntheticImages.make(500, 2);

  static TrainConfig recipe(TrainConfig base, String method, String optimizer, String quantizer, String weights,
      float lr) {
    return base.with(TrainingMethods.REGISTRY.selector(), method).with(Optimizers.REGISTRY.selector(), optimizer)
        .with(Quantizers.ACTIVATIONS.selector(), quantizer).with(Quantizers.WEIGHTS.selector(), weights)
        .with(LearningRateSchedule.LR, lr).with(LearningRateSchedule.LR_END, lr / 10);
  }

  private static TrainingResult train(TrainConfig config) {
    return Trainer.train(config, TRAIN, TEST, TrainingListener.NONE);
  }

  @ParameterizedTest
  @CsvSource({
      "tfc, ste, adam, ste-sign, sign, 1e-2", "tfc, ste, sgd, ste-sign, sign, 1e-1", "tfc, ste, adamax, ste-sign, sign, 1e-2",
      "tfc, ste, shift-adamax, ste-sign, sign, 1e-2", "tfc, ste, bop, ste-sign, sign, 1e-2",
      "tfc, ste, adam, approx-sign, sign, 1e-2", "tfc, ste, adam, swish-sign, sign, 1e-2",
      "tfc, ste, adam, stochastic, sign, 1e-2", "tfc, ste, adam, ste-sign, stochastic, 1e-2",
      "tfc, two-stage, adam, ste-sign, sign, 1e-2", "tfc, two-stage, sgd, ste-sign, sign, 1e-1",
      "cnn, ste, adam, ste-sign, stochastic, 5e-2", "cnn, two-stage, adam, ste-sign, sign, 1e-2",
      "cnn, ste, bop, ste-sign, sign, 1e-2", "cnn, ste, sgd, stochastic, sign, 1e-1"})
  void everyRecipeLearnsTheTaskOnEveryKindOfNetworkAndFoldsExactly(String arch, String method, String optimizer,
      String quantizer, String weights, float lr) {
    Architecture a = arch.equals("cnn") ? ConvTrainerTest.THRESHOLD : Architecture.named(arch);
    TrainingResult r = train(recipe(Configs.small(a, 4, 5, 0), method, optimizer, quantizer, weights, lr));
    String what = arch + "/" + method + "/" + optimizer + "/" + quantizer + "/" + weights;
    assertTrue(r.testAccuracy() > 0.9, what + ": " + r.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(r, TEST);
    for (EpochMetrics m : r.epochs()) {
      assertTrue(m.ffRatio() >= 0 && m.ffRatio() <= 1 && m.c2iRatio() >= 0 && m.c2iRatio() <= 1);
      assertEquals(r.network().weightLayers().size(), m.layers().size());
    }
  }

  /**
   * {@code --binarize ste} on an MLP, a 1-bit CNN with max-pools and an 8-bit CNN: the expectation
   * network's signs handed to straight-through training learn, fold exactly, and leave BinaryNet's
   * latent weights (in [−1, 1]); the straight-through epochs report the binary network only.
   */
  @ParameterizedTest
  @CsvSource({"tfc", "cnn", "bitplanes"})
  void bernoulliHandedToStraightThroughLearnsAndFoldsExactly(String arch) {
    Architecture a = switch (arch) {
      case "cnn" -> ConvTrainerTest.THRESHOLD;
      case "bitplanes" -> ConvTrainerTest.BITPLANES;
      default -> Architecture.named(arch);
    };
    TrainingResult r = train(Configs.small(a, 4, 5, 0).with(TrainingMethods.REGISTRY.selector(), "bernoulli")
        .with(BernoulliMethod.BINARIZE, "ste").with(BernoulliMethod.BINARIZE_FROM, 0.5f));
    assertTrue(r.testAccuracy() > 0.9, arch + ": " + r.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(r, TEST);
    for (var w : r.network().weightLayers()) {
      assertEquals(1f, w.latent().clip(), w.name());
      for (float v : w.latent().value()) {
        assertTrue(v >= -1 && v <= 1, w.name() + " " + v);
      }
    }
    List<EpochMetrics> epochs = r.epochs();
    assertEquals(List.of("probabilistic", "probabilistic", "straight-through", "straight-through"),
        epochs.stream().map(EpochMetrics::stage).toList());
    assertTrue(epochs.get(1).method().get("expectation_accuracy") > 0.9, arch + " " + epochs.get(1).method());
    assertTrue(epochs.get(3).method().isEmpty(), arch + " " + epochs.get(3).method());
  }

  /**
   * The Bernoulli method on an MLP, a 1-bit CNN with max-pools and an 8-bit CNN, with every sum,
   * gradient rule and binarisation schedule somewhere: it learns, ends with every weight binarised
   * (logits at ±clip, sign(θ) deployed), folds exactly, and reports its per-epoch figures.
   */
  @ParameterizedTest
  @CsvSource({"tfc, normal, exact, fraction", "tfc, edgeworth, exact, all", "tfc, exact, central5, layerwise",
      "cnn, normal, exact, fraction", "cnn, exact, exact, all", "cnn, exact, central3, fraction",
      "bitplanes, edgeworth, exact, layerwise", "bitplanes, exact, exact, fraction"})
  void bernoulliLearnsEveryKindOfNetworkAndFoldsExactly(String arch, String sum, String rule, String binarize) {
    Architecture a = switch (arch) {
      case "cnn" -> ConvTrainerTest.THRESHOLD;
      case "bitplanes" -> ConvTrainerTest.BITPLANES;
      default -> Architecture.named(arch);
    };
    TrainConfig c = Configs.small(a, 4, 5, 0).with(TrainingMethods.REGISTRY.selector(), "bernoulli")
        .with(BernoulliMethod.SUM, sum).with(BernoulliMethod.BINARIZE, binarize);
    if (sum.equals("exact")) {
      c = c.with(BernoulliMethod.GRADIENT, rule);
    }
    TrainingResult r = train(c);
    String what = arch + "/" + sum + "/" + rule + "/" + binarize;
    assertTrue(r.testAccuracy() > 0.9, what + ": " + r.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(r, TEST);
    for (var w : r.network().weightLayers()) {
      for (float theta : w.latent().value()) {
        assertEquals(BernoulliMethod.LOGIT_CLIP.defaultValue(), Math.abs(theta), what + " " + w.name());
      }
    }
    var last = r.epochs().get(r.epochs().size() - 1).method();
    assertTrue(last.get("expectation_accuracy") > 0.9 && last.get("binarized_accuracy") > 0.9, what + " " + last);
    for (var w : r.network().weightLayers()) {
      double decided = last.get("decided." + w.name());
      assertTrue(decided > 0 && decided <= 1, what + " " + w.name() + " " + decided);
    }
  }

  @Test
  void twoStageRunsRealWeightsThenBinaryWeightsAndEndsBinary() {
    TrainingResult r = train(recipe(Configs.small("tfc", 5, 3, 0), "two-stage", "adam", "ste-sign", "sign", 1e-2f));
    assertEquals(5, r.epochs().size());
    assertEquals("real-weights", r.epochs().get(0).stage());
    assertEquals("real-weights", r.epochs().get(1).stage());
    assertEquals("binary", r.epochs().get(2).stage());
    assertEquals(5, r.epochs().get(4).epoch());
    assertTrue(r.network().weightLayers().get(0).binaryWeights());
    assertTrue(r.testAccuracy() > 0.9);
  }

  @Test
  void shiftBasedBatchNormTrainsAndFolds() {
    TrainingResult r = train(recipe(Configs.small("tfc", 4, 2, 0), "ste", "shift-adamax", "ste-sign", "sign", 1e-2f)
        .with(BatchNorm.SHIFT_BASED, true));
    assertTrue(r.testAccuracy() > 0.9, "accuracy " + r.testAccuracy());
    assertTrue(r.network().batchNorms().get(0).shiftBased());
    ConvTrainerTest.assertFoldAgrees(r, TEST);
  }

  @Test
  void sameSeedSameModelForStochasticTwoStageAndBop() {
    for (TrainConfig c : new TrainConfig[] {
        recipe(Configs.small("tfc", 2, 8, 0), "two-stage", "adam", "stochastic", "stochastic", 1e-2f)
            .with(GradientSettings.WEIGHT_DECAY, 1e-4f),
        recipe(Configs.small("tfc", 2, 8, 0), "ste", "bop", "swish-sign", "sign", 1e-2f)}) {
      TrainingResult a = train(c);
      TrainingResult b = train(c);
      assertArrayEquals(a.network().weightLayers().get(1).latent().value(),
          b.network().weightLayers().get(1).latent().value());
      assertArrayEquals(a.testPredictions(), b.testPredictions());
      assertEquals(a.epochs().get(1).ffRatio(), b.epochs().get(1).ffRatio());
    }
  }

  @Test
  void weightDecayRaisesFlipFlops() {
    TrainConfig base = recipe(Configs.small("tfc", 3, 4, 0), "ste", "adam", "ste-sign", "sign", 1e-2f);
    double low = train(base.with(GradientSettings.WEIGHT_DECAY, 0f)).epochs().get(2).ffRatio();
    double high = train(base.with(GradientSettings.WEIGHT_DECAY, 0.5f)).epochs().get(2).ffRatio();
    assertTrue(high > low, "FF with decay " + high + " vs without " + low);
  }

  @Test
  void badRunsAreRefusedWithOneClearMessageBeforeTraining() {
    TrainConfig d = Configs.small("tfc", 1, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> d.with(Optimizers.REGISTRY.selector(), "lamb"));
    assertThrows(IllegalArgumentException.class, () -> d.with(TrainingMethods.REGISTRY.selector(), "rl-x"));
    assertThrows(IllegalArgumentException.class, () -> d.with(GradientSettings.WEIGHT_DECAY, -1f));
    IllegalArgumentException bop = assertThrows(IllegalArgumentException.class,
        () -> d.with(Optimizers.REGISTRY.selector(), "bop").with(GradientSettings.WEIGHT_DECAY, 1e-4f));
    assertTrue(bop.getMessage().contains("bop"), bop.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Configs.small("tfc", 2, 1, 0)
        .with(TrainingMethods.REGISTRY.selector(), "two-stage").with(Optimizers.REGISTRY.selector(), "bop"));
    assertThrows(IllegalArgumentException.class, () -> d.with(TrainingMethods.REGISTRY.selector(), "two-stage"));
    IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.of(Architecture.named("cnn-s")).with(InputEncoding.THRESHOLD, 100));
    assertTrue(threshold.getMessage().contains("--input-threshold does not apply to cnn-s"), threshold.getMessage());
    IllegalArgumentException momentum = assertThrows(IllegalArgumentException.class,
        () -> d.with(io.onebit.trainer.optim.Sgd.MOMENTUM, 0.5f));
    assertTrue(momentum.getMessage().contains("--momentum applies to --optimizer sgd, not adam"), momentum.getMessage());
  }

  @Test
  void schedulesRunFromStartToEnd() {
    assertEquals(0.1f, schedule("constant", 0.1f, null).at(7, 10));
    LearningRateSchedule lin = schedule("linear", 1f, 0.1f);
    assertEquals(1f, lin.at(0, 11), 1e-6);
    assertEquals(0.55f, lin.at(5, 11), 1e-6);
    assertEquals(0.1f, lin.at(10, 11), 1e-6);
    LearningRateSchedule cos = schedule("cosine", 1f, 0.1f);
    assertEquals(1f, cos.at(0, 11), 1e-6);
    assertEquals(0.55f, cos.at(5, 11), 1e-6);
    assertEquals(0.1f, cos.at(10, 11), 1e-6);
    LearningRateSchedule step = schedule("step", 1f, 0.01f);
    assertEquals(1f, step.at(0, 9), 1e-6);
    assertEquals(1f, step.at(2, 9), 1e-6);
    assertEquals(0.1f, step.at(3, 9), 1e-6);
    assertEquals(0.01f, step.at(8, 9), 1e-6);
    assertEquals(1e-3f, schedule("exponential", 1e-2f, 1e-4f).at(1, 3), 1e-7);
    assertThrows(IllegalArgumentException.class, () -> schedule("warm", 1f, 1f));
    assertThrows(IllegalArgumentException.class, () -> schedule("constant", 0f, null));
    assertThrows(IllegalArgumentException.class, () -> schedule("constant", 1f, 0.5f));
  }

  private static LearningRateSchedule schedule(String name, float lr, Float end) {
    io.onebit.trainer.hyper.Settings s = io.onebit.trainer.hyper.Settings.defaults()
        .with(LearningRateSchedule.REGISTRY.selector(), name).with(LearningRateSchedule.LR, lr);
    if (end != null) {
      s = s.with(LearningRateSchedule.LR_END, end);
    }
    return LearningRateSchedule.REGISTRY.create(s);
  }

}
