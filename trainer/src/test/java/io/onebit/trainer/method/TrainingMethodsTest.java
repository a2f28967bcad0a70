package io.onebit.trainer.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.optim.Bop;
import io.onebit.trainer.optim.Optimizers;
import io.onebit.trainer.quant.ApproxSign;
import io.onebit.trainer.quant.PlainSign;
import io.onebit.trainer.quant.Quantizers;
import io.onebit.trainer.quant.StochasticSign;
import io.onebit.trainer.quant.SteSign;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingMethodsTest {
  private static TrainingMethod method(Settings s) {
    return TrainingMethods.REGISTRY.create(s);
  }

  private static Settings named(String name) {
    return Settings.defaults().with(TrainingMethods.REGISTRY.selector(), name);
  }

  @Test
  void binaryNetIsOneBinaryStage() {
    List<Stage> s = method(Settings.defaults()).stages(20);
    assertEquals(List.of(new GradientStage("binary", 20, true, 0f, new PlainSign())), s);
    assertEquals(new SteSign(1f), method(Settings.defaults()).activationQuantizer());
    Settings decayed = Settings.defaults().with(GradientSettings.WEIGHT_DECAY, 1e-4f);
    assertEquals(1e-4f, ((GradientStage) method(decayed).stages(20).get(0)).weightDecay());
  }

  @Test
  void twoStageSplitsTheEpochsAndDecaysOnlyTheFirstStage() {
    List<Stage> s = method(named("two-stage")).stages(11);
    assertEquals(new GradientStage("real-weights", 5, false, 5e-6f, new PlainSign()), s.get(0));
    assertEquals(new GradientStage("binary", 6, true, 0f, new PlainSign()), s.get(1));
    Settings custom = named("two-stage").with(GradientSettings.WEIGHT_DECAY, 1e-3f)
        .with(TwoStageMethod.STAGE1_EPOCHS, 3).with(Quantizers.WEIGHTS.selector(), "stochastic");
    List<Stage> c = method(custom).stages(10);
    assertEquals(new GradientStage("real-weights", 3, false, 1e-3f, new StochasticSign()), c.get(0));
    assertEquals(new GradientStage("binary", 7, true, 0f, new StochasticSign()), c.get(1));
    assertThrows(IllegalArgumentException.class, () -> method(named("two-stage")).stages(1));
    assertThrows(IllegalArgumentException.class,
        () -> method(named("two-stage").with(TwoStageMethod.STAGE1_EPOCHS, 4)).stages(4));
  }

  @Test
  void quantizersComeFromTheirRegistry() {
    Settings s = Settings.defaults().with(Quantizers.ACTIVATIONS.selector(), "approx-sign");
    assertEquals(new ApproxSign(), method(s).activationQuantizer());
    Settings clip = Settings.defaults().with(SteSign.CLIP, 2f);
    assertEquals(new SteSign(2f), method(clip).activationQuantizer());
  }

  @Test
  void optionsOfAnotherAlgorithmAreRefusedNotIgnored() {
    IllegalArgumentException clip = assertThrows(IllegalArgumentException.class, () -> method(Settings.defaults()
        .with(Quantizers.ACTIVATIONS.selector(), "approx-sign").with(SteSign.CLIP, 2f)));
    assertTrue(clip.getMessage().contains("--ste-clip applies to --quantizer ste-sign"), clip.getMessage());
    IllegalArgumentException stage1 = assertThrows(IllegalArgumentException.class,
        () -> method(Settings.defaults().with(TwoStageMethod.STAGE1_EPOCHS, 3)));
    assertTrue(stage1.getMessage().contains("--stage1-epochs applies to --method two-stage"), stage1.getMessage());
  }

  @Test
  void bopHasNoLatentWeightsToDecayDrawOrTrainReal() {
    Settings bop = Settings.defaults().with(Optimizers.REGISTRY.selector(), Bop.NAME);
    method(bop);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> method(bop.with(GradientSettings.WEIGHT_DECAY, 1e-4f))).getMessage().contains("decay"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> method(bop.with(Quantizers.WEIGHTS.selector(), "stochastic"))).getMessage().contains("stochastic"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> method(bop.with(TrainingMethods.REGISTRY.selector(), "two-stage"))).getMessage().contains("--method ste"));
  }

  @Test
  void bernoulliHasItsStagesAndRefusesWhatItCannotUse() {
    Settings b = named("bernoulli");
    List<Stage> stages = method(b).stages(7);
    assertEquals(List.of("probabilistic", "binarization"), stages.stream().map(Stage::name).toList());
    // layerwise from 0.1: at least one epoch before the first layer is fixed
    assertEquals(List.of(1, 6), stages.stream().map(Stage::epochs).toList());
    assertEquals(List.of(4, 3), method(b.with(BernoulliMethod.BINARIZE_FROM, 0.5f)).stages(7).stream()
        .map(Stage::epochs).toList());
    assertEquals(List.of(7), method(b.with(BernoulliMethod.BINARIZE_FROM, 0f)).stages(7).stream()
        .map(Stage::epochs).toList());
    List<Stage> atTheEnd = method(b.with(BernoulliMethod.BINARIZE, "all")).stages(7);
    assertEquals(List.of("probabilistic"), atTheEnd.stream().map(Stage::name).toList());
    String[][] refused = {
        {"bernoulli-grad", "central3", "--bernoulli-grad applies to --bernoulli-sum exact"},
        {"optimizer", "bop", "not bop"},
        {"quantizer", "approx-sign", "--quantizer applies to --method ste|two-stage, not bernoulli"},
        {"temperature-end", "0", "must be > 0 for an exponential --temperature-schedule"},
        {"bernoulli-reg-weight-end", "0", "an exponential --bernoulli-reg-schedule needs weights > 0"}};
    for (String[] r : refused) {
      var h = io.onebit.trainer.train.TrainingHyperparameters.named(r[0]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> method(with(b, h, r[1])));
      assertTrue(e.getMessage().contains(r[2]), e.getMessage());
    }
    IllegalArgumentException constant = assertThrows(IllegalArgumentException.class, () -> method(
        b.with(BernoulliMethod.REG_SCHEDULE, "constant").with(BernoulliMethod.REG_WEIGHT_END, 0.5f)));
    assertTrue(constant.getMessage().contains("needs a scheduled --bernoulli-reg-schedule"), constant.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> method(Settings.defaults().with(BernoulliMethod.SUM, "exact")));
    assertTrue(other.getMessage().contains("--bernoulli-sum applies to --method bernoulli, not ste"),
        other.getMessage());
    method(b.with(BernoulliMethod.SUM, "exact").with(BernoulliMethod.GRADIENT, "central5")
        .with(BernoulliMethod.REG_SCHEDULE, "linear").with(BernoulliMethod.REG_WEIGHT_END, 0.5f)
        .with(BernoulliMethod.TEMPERATURE_SCHEDULE, "linear").with(BernoulliMethod.TEMPERATURE_END, 0f));
  }

  private static <T> Settings with(Settings s, io.onebit.trainer.hyper.Hyperparameter<T> h, String text) {
    return s.with(h, h.parse(text, h.option()));
  }

  @Test
  void unknownMethodNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> named("rl-x"));
    assertTrue(e.getMessage().contains("unknown method 'rl-x'") && e.getMessage().contains("ste, two-stage, bernoulli"),
        e.getMessage());
  }
}
