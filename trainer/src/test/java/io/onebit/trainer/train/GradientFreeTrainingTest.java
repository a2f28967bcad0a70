package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.method.rl.EsMethod;
import io.onebit.trainer.method.rl.GradientFreeSettings;
import io.onebit.trainer.method.rl.LocalSearchMethod;
import io.onebit.trainer.method.rl.RlMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradient-free methods train the synthetic task through the one training loop, leave a
 * network that folds exactly, report their per-epoch figures, and give the same model for a seed.
 */
class GradientFreeTrainingTest {
  private static final Dataset TRAIN = SyntheticImages.make(2000, 1);
  private static final Dataset TEST = SyntheticImages.make(500, 2);

  /** tfc on the synthetic task, batch 100; rl and es with lr 0.3 → 0.1 from logits ±2. */
  static TrainConfig config(String method, int epochs, long seed) {
    Settings s = Settings.defaults().with(TrainingMethods.REGISTRY.selector(), method).with(Trainer.EPOCHS, epochs)
        .with(Trainer.BATCH_SIZE, 100).with(Trainer.SEED, seed).with(ShiftAugmentation.MAX_SHIFT, 0)
        .with(Trainer.STATISTICS_SAMPLES, 1000).with(InputEncoding.THRESHOLD, 128);
    if (!method.equals(LocalSearchMethod.NAME)) {
      s = s.with(LearningRateSchedule.LR, 0.3f).with(LearningRateSchedule.LR_END, 0.1f)
          .with(GradientFreeSettings.INIT_LOGIT, 2f);
    }
    return new TrainConfig(Architecture.named("tfc"), s, null);
  }

  private static TrainingResult train(TrainConfig c) {
    return Trainer.train(c, TRAIN, TEST, TrainingListener.NONE);
  }

  @ParameterizedTest
  @CsvSource({"4, independent, counterfactual, neg-ce, 1, 0.95", "4, independent, counterfactual, accuracy, 1, 0.9",
      "8, per-neuron, counterfactual, neg-ce, 2, 0.9", "8, per-layer, counterfactual, margin, 4, 0.55",
      "8, independent, batch-mean, neg-ce, 8, 0.7", "4, units, counterfactual, neg-ce, 1, 0.95"})
  void rlLearnsWithEveryCreditAndFoldsExactly(int epochs, String policy, String baseline, String reward,
      int population, double accuracy) {
    TrainConfig c = config("rl", epochs, 3).with(GradientFreeSettings.POPULATION, population)
        .with(RlMethod.POLICY, policy).with(RlMethod.BASELINE, baseline).with(GradientFreeSettings.REWARD, reward);
    TrainingResult r = train(c);
    String what = policy + "/" + baseline + "/" + reward;
    assertTrue(r.testAccuracy() > accuracy, what + ": " + r.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(r, TEST);
    EpochMetrics last = r.epochs().get(r.epochs().size() - 1);
    assertEquals(Set.of("mode_reward", "population_reward", "entropy_bits", "decided"), last.method().keySet());
    assertTrue(last.method().get("entropy_bits") > 0 && last.method().get("entropy_bits") < 1);
    assertEquals("policy", last.stage());
  }

  @Test
  void theBaselinesLearnToo() {
    TrainingResult es = train(config("es", 8, 3).with(GradientFreeSettings.POPULATION, 16)
        .with(GradientFreeSettings.ANTITHETIC, true).with(EsMethod.ENTROPY_PENALTY, 0f));
    assertTrue(es.testAccuracy() > 0.8, "es: " + es.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(es, TEST);
    // the entropy penalty keeps the distribution nearer its mode than the rank updates alone leave it
    TrainingResult penalised = train(config("es", 8, 3).with(GradientFreeSettings.POPULATION, 16)
        .with(GradientFreeSettings.ANTITHETIC, true).with(EsMethod.ENTROPY_PENALTY, 0.5f));
    double free = es.epochs().get(7).method().get("decided");
    double held = penalised.epochs().get(7).method().get("decided");
    assertTrue(held > free + 0.02, "decided with the penalty " + held + ", without " + free);
    TrainingResult best = train(config(LocalSearchMethod.NAME, 4, 3).with(LocalSearchMethod.FLIPS, 8));
    assertTrue(best.testAccuracy() > 0.85, "local search (best): " + best.testAccuracy());
    ConvTrainerTest.assertFoldAgrees(best, TEST);
    TrainingResult first = train(config(LocalSearchMethod.NAME, 2, 3).with(LocalSearchMethod.SEARCH, "first"));
    assertTrue(first.testAccuracy() > 0.95, "local search (first): " + first.testAccuracy());
    assertTrue(first.epochs().get(0).method().get("flips") > 0);
  }

  @Test
  void sameSeedSameModel() {
    for (TrainConfig c : new TrainConfig[] {
        config("rl", 2, 5).with(GradientFreeSettings.POPULATION, 2).with(GradientFreeSettings.ANTITHETIC, true)
            .with(RlMethod.ENTROPY_BONUS, 1e-3f).with(RlMethod.NEURON_NOISE, 0.5f),
        config("es", 2, 5).with(GradientFreeSettings.POPULATION, 6),
        config(LocalSearchMethod.NAME, 2, 5).with(LocalSearchMethod.SEARCH, "first"),
        config(LocalSearchMethod.NAME, 2, 5).with(LocalSearchMethod.FLIPS, 8)}) {
      TrainingResult a = train(c);
      TrainingResult b = train(c);
      for (int l = 0; l < a.network().weightLayers().size(); l++) {
        assertArrayEquals(a.network().weightLayers().get(l).latent().value(),
            b.network().weightLayers().get(l).latent().value(), c.settings().toString());
      }
      assertArrayEquals(a.testPredictions(), b.testPredictions());
      assertEquals(a.epochs().get(1).method(), b.epochs().get(1).method());
      TrainingResult other = train(c.with(Trainer.SEED, 6L));
      assertTrue(!java.util.Arrays.equals(a.network().weightLayers().get(0).latent().value(),
          other.network().weightLayers().get(0).latent().value()), "another seed, another model");
    }
  }

  @Test
  void runsTheyCannotTrainAreRefusedUpFront() {
    TrainConfig rl = config("rl", 1, 1);
    IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
        () -> new TrainConfig(ConvTrainerTest.THRESHOLD, rl.settings(), null));
    assertTrue(conv.getMessage().contains("--method rl trains fully connected networks"), conv.getMessage());
    assertTrue(conv.getMessage().contains("convolutions"), conv.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TrainConfig(io.onebit.trainer.arch.Architecture.named("cnn-s"), config("es", 1, 1).settings(), null));
    IllegalArgumentException bop = assertThrows(IllegalArgumentException.class,
        () -> rl.with(io.onebit.trainer.optim.Optimizers.REGISTRY.selector(), "bop"));
    assertTrue(bop.getMessage().contains("--method rl needs an optimizer of its logits"), bop.getMessage());
    IllegalArgumentException agents = assertThrows(IllegalArgumentException.class,
        () -> rl.with(RlMethod.POLICY, "per-neuron").with(RlMethod.BASELINE, "moving-average"));
    assertTrue(agents.getMessage().contains("only changes the credit of --baseline counterfactual"),
        agents.getMessage());
    assertThrows(IllegalArgumentException.class, () -> rl.with(RlMethod.BASELINE, "batch-mean"));
    TrainConfig pair = rl.with(GradientFreeSettings.POPULATION, 2).with(GradientFreeSettings.ANTITHETIC, true);
    assertThrows(IllegalArgumentException.class, () -> pair.with(RlMethod.BASELINE, "batch-mean"));
    pair.with(GradientFreeSettings.POPULATION, 4).with(RlMethod.BASELINE, "batch-mean");
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> rl.with(GradientFreeSettings.POPULATION, 3).with(GradientFreeSettings.ANTITHETIC, true));
    assertTrue(odd.getMessage().contains("must be even"), odd.getMessage());
    assertThrows(IllegalArgumentException.class, () -> rl.with(RlMethod.BASELINE_DECAY, 0.5f));
    IllegalArgumentException optimizer = assertThrows(IllegalArgumentException.class,
        () -> config("es", 1, 1).with(io.onebit.trainer.optim.Optimizers.BETA1, 0.5f));
    assertTrue(optimizer.getMessage().contains("--beta1 does not apply to --method es"), optimizer.getMessage());
    IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
        () -> config(LocalSearchMethod.NAME, 1, 1).with(LearningRateSchedule.LR, 0.1f));
    assertTrue(lr.getMessage().contains("--lr does not apply to --method local-search"), lr.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> config("es", 1, 1).with(RlMethod.POLICY, "independent"));
    assertTrue(other.getMessage().contains("--policy applies to --method rl, not es"), other.getMessage());
    IllegalArgumentException decay = assertThrows(IllegalArgumentException.class,
        () -> config("rl", 1, 1).with(LocalSearchMethod.GAIN_DECAY, 0.5f));
    assertTrue(decay.getMessage().contains("--gain-decay applies to --method local-search, not rl"),
        decay.getMessage());
    IllegalArgumentException firstDecay = assertThrows(IllegalArgumentException.class,
        () -> config(LocalSearchMethod.NAME, 1, 1).with(LocalSearchMethod.SEARCH, "first")
            .with(LocalSearchMethod.GAIN_DECAY, 0.5f));
    assertTrue(firstDecay.getMessage().contains("--gain-decay does not apply to --search first"),
        firstDecay.getMessage());
    IllegalArgumentException gradient = assertThrows(IllegalArgumentException.class,
        () -> rl.with(io.onebit.trainer.method.GradientSettings.WEIGHT_DECAY, 1e-4f));
    assertTrue(gradient.getMessage().contains("--weight-decay applies to --method ste|two-stage, not rl"),
        gradient.getMessage());
  }
}
