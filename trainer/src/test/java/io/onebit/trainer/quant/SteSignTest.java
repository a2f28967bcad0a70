package io.onebit.trainer.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SteSignTest {
  @Test
  void signOfZeroIsPlusOneAndGradientIsCancelledOutsideTheClip() {
    SteSign q = new SteSign(1f);
    assertEquals(1f, q.forward(0f));
    assertEquals(1f, q.forward(0.3f));
    assertEquals(-1f, q.forward(-1e-9f));
    assertEquals(1f, q.backward(0.99f));
    assertEquals(1f, q.backward(-1f));
    assertEquals(0f, q.backward(1.01f));
    assertEquals(0f, q.backward(-7f));
    assertEquals(1f, new SteSign(2f).backward(1.5f));
  }
}
