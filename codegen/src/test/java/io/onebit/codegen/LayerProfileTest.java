package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerProfileTest {
  @Test
  void averagesEverySegmentOverThePLines() {
    String out = "R 0 1 5 6 10\nP 0 2 100 50\nR 1 1 5 6 10\nP 1 4 102 50\nEND 2\n";
    assertArrayEquals(new double[] {3, 101, 50}, LayerProfile.meanTicks(out, 3, "qemu"));
  }

  @Test
  void refusesMissingOrShortProfiles() {
    CodegenException none = assertThrows(CodegenException.class, () -> LayerProfile.meanTicks("R 0 1 2 3\nEND 1\n", 2, "qemu"));
    assertTrue(none.getMessage().startsWith("qemu: no per-layer profile lines"), none.getMessage());
    CodegenException shortLine = assertThrows(CodegenException.class, () -> LayerProfile.meanTicks("P 0 1\n", 2, "qemu"));
    assertTrue(shortLine.getMessage().contains("has 1 segments, expected 2"), shortLine.getMessage());
  }
}
