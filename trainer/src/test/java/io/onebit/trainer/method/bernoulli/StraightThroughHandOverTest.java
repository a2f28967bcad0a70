package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.quant.PlainSign;
import io.onebit.trainer.quant.SteSign;
import io.onebit.trainer.train.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --binarize ste}: probabilistic epochs, then a straight-through stage (scaled like the
 * other binarisation phases), the network's signs trained by BinaryNet's hard-tanh sign; refused
 * when either stage would be empty; its latent weights start at E[w] = tanh(θ/2) of the logits.
 * That a run through it resumes bit for bit is CheckpointTest's.
 */
class StraightThroughHandOverTest {
  private static final Settings STE = Settings.defaults().with(BernoulliMethod.BINARIZE, "ste");

  @Test
  void aQuarterOfTheEpochsAreProbabilisticThenStraightThrough() {
    BernoulliMethod method = BernoulliMethod.of(STE.with(BernoulliMethod.BINARIZE_LR_SCALE, 0.5f));
    List<Stage> stages = method.stages(20);
    assertEquals(List.of("probabilistic", "straight-through"), stages.stream().map(Stage::name).toList());
    assertEquals(List.of(5, 15), stages.stream().map(Stage::epochs).toList());
    LearningRateSchedule schedule = LearningRateSchedule.exponential(1e-2f, 1e-5f);
    for (int e = 0; e < 15; e++) {
      assertEquals(0.5f * schedule.at(e, 15), stages.get(1).learningRate(schedule, e), 1e-12);
    }
    assertInstanceOf(SteSign.class, method.activationQuantizer());
    assertInstanceOf(PlainSign.class, BernoulliMethod.of(Settings.defaults()).activationQuantizer());
  }

  @Test
  void bothStagesMustHaveEpochs() {
    for (float from : new float[] {0f, 1f}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BernoulliMethod.of(STE.with(BernoulliMethod.BINARIZE_FROM, from)));
      assertTrue(e.getMessage().startsWith("--binarize ste needs probabilistic epochs and straight-through epochs:"
          + " --binarize-from strictly between 0 and 1"), e.getMessage());
    }
    BernoulliMethod late = BernoulliMethod.of(STE.with(BernoulliMethod.BINARIZE_FROM, 0.9f));
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> late.stages(1));
    assertTrue(one.getMessage().contains("1 epochs with --binarize-from 0.9 leave no straight-through epoch"),
        one.getMessage());
    assertEquals(List.of(9, 1), late.stages(10).stream().map(Stage::epochs).toList());
  }

  /**
   * The hand-over from a checkpoint's logits: W = tanh(θ/2), so sign(W) = sign(θ) with sign(0) =
   * +1; binarised weights ±1 exactly; in place, in the layers' BinaryNet latent tensors (clip 1,
   * learning-rate scale 1/H) that the straight-through optimizer already holds.
   */
  @Test
  void theLatentWeightsStartAtTheExpectationOfTheLogits() {
    var network = BernoulliNetworkGradientTest.network(BernoulliNetworkGradientTest.POOLED, 3);
    var layers = network.weightLayers();
    var state = new io.onebit.trainer.state.TrainingState();
    java.util.Random random = new java.util.Random(4);
    float[][] logits = new float[layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      int n = layers.get(l).latent().size();
      logits[l] = new float[n];
      for (int i = 0; i < n; i++) {
        logits[l][i] = i == 0 ? 0f : (random.nextFloat() * 2 - 1) * 6;
      }
      long[] fixed = new long[(n + 63) / 64];
      long[] negative = new long[fixed.length];
      fixed[0] = 0b110L; // weights 1 and 2 binarised, weight 2 at −1
      negative[0] = 0b100L;
      state.putFloats("step.logits." + l, logits[l]);
      state.putLongs("step.fixed." + l, fixed);
      state.putLongs("step.negative." + l, negative);
    }
    List<io.onebit.trainer.optim.Param> before = network.params();
    assertTrue(BernoulliStep.savedIn(state, "step."));
    BernoulliStep.handOverFrom(state, "step.", layers);
    assertEquals(before, network.params(), "the same tensors, written in place");
    for (int l = 0; l < layers.size(); l++) {
      var latent = layers.get(l).latent();
      float[] w = latent.value();
      assertEquals(1f, latent.clip());
      assertEquals(0f, w[0]);
      assertEquals(1f, w[1]);
      assertEquals(-1f, w[2]);
      for (int i = 3; i < w.length; i++) {
        assertEquals((float) Math.tanh(0.5 * logits[l][i]), w[i]);
      }
      long[] signs = layers.get(l).packedSigns();
      int fanIn = layers.get(l).fanIn;
      for (int i = 0; i < w.length; i++) {
        boolean minus = ((signs[i / fanIn * ((fanIn + 63) / 64) + i % fanIn / 64] >>> (i % fanIn % 64)) & 1) != 0;
        boolean expected = i == 2 || (i > 2 && logits[l][i] < 0);
        assertEquals(expected, minus, "sign of weight " + i + " of layer " + l);
      }
    }
    assertTrue(!BernoulliStep.savedIn(new io.onebit.trainer.state.TrainingState(), "step."));
  }
}
