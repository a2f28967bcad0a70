package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** The one-line error rule for data: the message names the file and the problem. */
final class DataAsserts {
  private DataAsserts() {}

  static void assertMessage(Executable run, String file, String problem) {
    DataFormatException e = assertThrows(DataFormatException.class, run);
    assertTrue(e.getMessage().contains(file) && e.getMessage().contains(problem), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
  }
}
