package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CLiteralsTest {
  @Test
  void hexWordsAreUnsignedAndWrapped() {
    assertEquals(List.of("0x00000001u, 0xffffffffu,", "0x80000000u,"),
        CLiterals.hexWords(new int[] {1, -1, Integer.MIN_VALUE}, 2));
  }

  @Test
  void intsWriteInt32MinAsAnIntExpression() {
    assertEquals(List.of("-1, 0, 2147483647, (-2147483647 - 1),"),
        CLiterals.ints(new int[] {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE}, 8));
  }

  @Test
  void bytesAreUnsigned() {
    assertEquals(List.of("0, 127, 128, 255,"), CLiterals.bytes(new byte[] {0, 127, (byte) 128, (byte) 255}, 4));
  }

  @Test
  void classNamesBecomeSafeStringLiterals() {
    assertEquals("\"cat\"", CLiterals.string("cat"));
    assertEquals("\"a \\\"b\\\" c\\\\d\"", CLiterals.string("a \"b\" c\\d"));
    assertEquals("\"what\\?\\?=\"", CLiterals.string("what??="), "no trigraph survives");
    assertEquals("\"caf\\303\\251\"", CLiterals.string("café"), "UTF-8 bytes as octal escapes");
  }

  @Test
  void addressesAreHex() {
    assertEquals("0x20000000", CLiterals.hex(0x20000000L));
  }
}
