package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HarnessOutputTest {
  @Test
  void parsesResultLinesAndEnd() {
    HarnessOutput out = HarnessOutput.parse("noise\nR 0 1 -5 7 120\nR 1 0 -2147483648 2147483647 99\nEND 2\n", "qemu");
    assertEquals(2, out.results().size());
    ResultLine first = out.results().get(0);
    assertEquals(1, first.predictedClass());
    assertArrayEquals(new int[] {-5, 7}, first.scores());
    assertEquals(120, first.ticks());
    assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, out.results().get(1).scores());
  }

  @Test
  void missingEndIsAnError() {
    CodegenException e = assertThrows(CodegenException.class, () -> HarnessOutput.parse("R 0 1 2 3 4\n", "qemu"));
    assertEquals("qemu: output ended without an END line after 1 results", e.getMessage());
  }

  @Test
  void countMismatchAndMalformedLinesAreErrors() {
    assertTrue(assertThrows(CodegenException.class, () -> HarnessOutput.parse("R 0 1 2 3 4\nEND 2\n", "q"))
        .getMessage().contains("END reports 2 samples but 1"));
    assertTrue(assertThrows(CodegenException.class, () -> HarnessOutput.parse("R 0 x 2 3 4\nEND 1\n", "q"))
        .getMessage().startsWith("q: malformed result line"));
    assertTrue(assertThrows(CodegenException.class, () -> HarnessOutput.parse("R 1 0 2 3 4\nEND 1\n", "q"))
        .getMessage().contains("result for sample 1 where 0 was expected"));
  }
}
