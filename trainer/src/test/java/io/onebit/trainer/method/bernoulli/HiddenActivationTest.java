package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void namesAreTheOptionValues() {
    assertEquals(List.of("expectation", "sample", "binarization-sample"), HiddenActivation.ids());
    for (HiddenActivation a : HiddenActivation.values()) {
      assertEquals(a, HiddenActivation.of(a.id()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HiddenActivation.of("draw"));
    assertTrue(e.getMessage().contains("unknown hidden activation 'draw'"), e.getMessage());
  }
}
