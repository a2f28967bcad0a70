package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.fold.Fold;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every method, optimizer and quantizer trains the same network that fold deploys. */
class RecipesTest {
  private static final Dataset TRAIN = SyntheticImages.make(2000, 1);
  private static final Dataset TEST = SyntheticImages.make(500, 2);

  private static Recipe recipe(String method, String optimizer, String quantizer, String weights, Float decay,
      boolean shiftBn) {
    Recipe d = Recipe.defaults();
    return new Recipe(method, optimizer, quantizer, weights, decay, d.momentum(), d.bopThreshold(), d.bopGamma(),
        d.steClip(), d.swishBeta(), shiftBn, 0);
  }

  private static TrainingResult train(Recipe recipe, float lr, int epochs, long seed) {
    TrainConfig config = new TrainConfig(Architecture.named("tfc"), epochs, 50, LearningRateSchedule.exponential(lr, lr / 10),
        seed, 128, 0, 1000, recipe);
    return new Trainer(config).train(TRAIN, TEST, TrainingListener.NONE);
  }

  @ParameterizedTest
  @CsvSource({
      "ste, adam, ste-sign, sign, 1e-2", "ste, sgd, ste-sign, sign, 1e-1", "ste, adamax, ste-sign, sign, 1e-2",
      "ste, shift-adamax, ste-sign, sign, 1e-2", "ste, bop, ste-sign, sign, 1e-2", "ste, adam, approx-sign, sign, 1e-2",
      "ste, adam, swish-sign, sign, 1e-2", "ste, adam, stochastic, sign, 1e-2", "ste, adam, ste-sign, stochastic, 1e-2",
      "two-stage, adam, ste-sign, sign, 1e-2", "two-stage, sgd, ste-sign, sign, 1e-1"})
  void everyRecipeLearnsTheTaskAndFoldsExactly(String method, String optimizer, String quantizer, String weights,
      float lr) {
    TrainingResult r = train(recipe(method, optimizer, quantizer, weights, null, false), lr, 4, 5);
    assertTrue(r.testAccuracy() > 0.9, method + "/" + optimizer + "/" + quantizer + "/" + weights + ": " + r.testAccuracy());
    assertFolded(r);
    for (EpochMetrics m : r.epochs()) {
      assertTrue(m.ffRatio() >= 0 && m.ffRatio() <= 1 && m.c2iRatio() >= 0 && m.c2iRatio() <= 1);
      assertEquals(4, m.layers().size());
    }
  }

  /** The golden model of the folded network predicts what the trainer's final network predicts. */
  private static void assertFolded(TrainingResult r) {
    DeployModel model = Fold.toDeployModel(r.network(), "t", InputSpec.thresholded(8, 8, 1, 128), Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    for (int s = 0; s < TEST.count(); s++) {
      if (golden.infer(TEST.sample(s)).predictedClass() == r.testPredictions()[s]) {
        agree++;
      }
    }
    assertTrue(agree >= TEST.count() - 1, "agreement " + agree);
  }

  @Test
  void twoStageRunsRealWeightsThenBinaryWeightsAndEndsBinary() {
    TrainingResult r = train(recipe("two-stage", "adam", "ste-sign", "sign", null, false), 1e-2f, 5, 3);
    assertEquals(5, r.epochs().size());
    assertEquals("real-weights", r.epochs().get(0).stage());
    assertEquals("real-weights", r.epochs().get(1).stage());
    assertEquals("binary", r.epochs().get(2).stage());
    assertEquals(5, r.epochs().get(4).epoch());
    assertTrue(r.network().dense(0).binaryWeights());
    assertTrue(r.testAccuracy() > 0.9);
  }

  @Test
  void shiftBasedBatchNormTrainsAndFolds() {
    TrainingResult r = train(recipe("ste", "shift-adamax", "ste-sign", "sign", null, true), 1e-2f, 4, 2);
    assertTrue(r.testAccuracy() > 0.9, "accuracy " + r.testAccuracy());
    assertTrue(r.network().norm(0).shiftBased());
    assertFolded(r);
  }

  @Test
  void sameSeedSameModelForStochasticTwoStageAndBop() {
    for (Recipe recipe : new Recipe[] {recipe("two-stage", "adam", "stochastic", "stochastic", 1e-4f, false),
        recipe("ste", "bop", "swish-sign", "sign", null, false)}) {
      TrainingResult a = train(recipe, 1e-2f, 2, 8);
      TrainingResult b = train(recipe, 1e-2f, 2, 8);
      assertArrayEquals(a.network().dense(1).weights().value(), b.network().dense(1).weights().value());
      assertArrayEquals(a.testPredictions(), b.testPredictions());
      assertEquals(a.epochs().get(1).ffRatio(), b.epochs().get(1).ffRatio());
    }
  }

  @Test
  void weightDecayRaisesFlipFlops() {
    double low = train(recipe("ste", "adam", "ste-sign", "sign", 0f, false), 1e-2f, 3, 4).epochs().get(2).ffRatio();
    double high = train(recipe("ste", "adam", "ste-sign", "sign", 0.5f, false), 1e-2f, 3, 4).epochs().get(2).ffRatio();
    assertTrue(high > low, "FF with decay " + high + " vs without " + low);
  }

  @Test
  void badRecipesAreRefusedWithOneClearMessage() {
    Recipe d = Recipe.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withOptimizer("lamb"));
    assertThrows(IllegalArgumentException.class, () -> d.withMethod("rl"));
    assertThrows(IllegalArgumentException.class, () -> d.withWeightDecay(-1f));
    IllegalArgumentException bop = assertThrows(IllegalArgumentException.class,
        () -> d.withOptimizer("bop").withWeightDecay(1e-4f));
    assertTrue(bop.getMessage().contains("bop"), bop.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withMethod("two-stage").withOptimizer("bop"));
    assertThrows(IllegalArgumentException.class, () -> new TrainConfig(Architecture.named("tfc"), 1, 50,
        LearningRateSchedule.constant(1e-2f), 1, 128, 0, 100, d.withMethod("two-stage")));
    assertFalse(d.withMethod("two-stage").method().isEmpty());
  }

  @Test
  void schedulesRunFromStartToEnd() {
    assertEquals(0.1f, LearningRateSchedule.named("constant", 0.1f, 1e-3f).at(7, 10));
    LearningRateSchedule lin = LearningRateSchedule.named("linear", 1f, 0.1f);
    assertEquals(1f, lin.at(0, 11), 1e-6);
    assertEquals(0.55f, lin.at(5, 11), 1e-6);
    assertEquals(0.1f, lin.at(10, 11), 1e-6);
    LearningRateSchedule cos = LearningRateSchedule.named("cosine", 1f, 0.1f);
    assertEquals(1f, cos.at(0, 11), 1e-6);
    assertEquals(0.55f, cos.at(5, 11), 1e-6);
    assertEquals(0.1f, cos.at(10, 11), 1e-6);
    LearningRateSchedule step = LearningRateSchedule.named("step", 1f, 0.01f);
    assertEquals(1f, step.at(0, 9), 1e-6);
    assertEquals(1f, step.at(2, 9), 1e-6);
    assertEquals(0.1f, step.at(3, 9), 1e-6);
    assertEquals(0.01f, step.at(8, 9), 1e-6);
    assertEquals(1e-3f, LearningRateSchedule.named("exponential", 1e-2f, 1e-4f).at(1, 3), 1e-7);
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.named("warm", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.named("constant", 0, 1));
  }
}
