package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.trainer.hyper.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which epochs draw the hidden bits under each {@code --bernoulli-activation}. */
class HiddenActivationTest {
  @Test
  void drawsOnlyWhereTheOptionSays() {
    assertFalse(HiddenActivation.EXPECTATION.draws(false));
    assertFalse(HiddenActivation.EXPECTATION.draws(true));
    assertTrue(HiddenActivation.SAMPLE.draws(false));
    assertTrue(HiddenActivation.SAMPLE.draws(true));
    assertFalse(HiddenActivation.SAMPLE_WHILE_BINARIZING.draws(false));
    assertTrue(HiddenActivation.SAMPLE_WHILE_BINARIZING.draws(true));
  }

  @Test
  void drawsStartWithTheBinarisationPhaseOrFromTheSampleShare() {
    Settings layerwise = Settings.defaults().with(BernoulliMethod.BINARIZE_FROM, 0.25f);
    assertEquals(5, BernoulliMethod.of(layerwise).config().firstDrawnEpoch(20));
    assertEquals(3, BernoulliMethod.of(layerwise.with(BernoulliMethod.SAMPLE_FROM, 0.15f)).config().firstDrawnEpoch(20));
    assertEquals(0, BernoulliMethod.of(layerwise.with(BernoulliMethod.SAMPLE_FROM, 0f)).config().firstDrawnEpoch(20));
    // the default layerwise phase starts after a tenth, at least one epoch
    assertEquals(1, BernoulliMethod.of(Settings.defaults()).config().firstDrawnEpoch(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BernoulliMethod.of(
        layerwise.with(BernoulliMethod.SAMPLE_FROM, 0.15f).with(BernoulliMethod.ACTIVATION, "expectation")));
    assertEquals("--bernoulli-sample-from applies to --bernoulli-activation binarization-sample, not expectation",
        e.getMessage());
  }

  @Test
  void namesAreTheOptionValues() {
    assertEquals(List.of("expectation", "sample", "binarization-sample"), HiddenActivation.ids());
    for (HiddenActivation a : HiddenActivation.values()) {
      assertEquals(a, HiddenActivation.of(a.id()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HiddenActivation.of("draw"));
    assertTrue(e.getMessage().contains("unknown hidden activation 'draw'"), e.getMessage());
  }
}
