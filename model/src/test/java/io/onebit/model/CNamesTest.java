package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CNamesTest {
  @Test
  void validNamesStay() {
    assertEquals("sfc", CNames.identifier("sfc"));
    assertEquals("Mnist_2", CNames.identifier("Mnist_2"));
  }

  @Test
  void invalidCharactersBecomeUnderscores() {
    assertEquals("fashion_mnist_v2", CNames.identifier("fashion-mnist.v2"));
    assertEquals("caf_", CNames.identifier("café"));
  }

  @Test
  void leadingDigitsAndUnderscoresGetAPrefix() {
    assertEquals("m3layers", CNames.identifier("3layers"));
    assertEquals("m_Model", CNames.identifier("_Model"));
  }

  @Test
  void keywordsAndMainGetASuffix() {
    assertEquals("int_model", CNames.identifier("int"));
    assertEquals("main_model", CNames.identifier("main"));
  }

  @Test
  void macrosAreUpperCaseAndCommentsCannotClose() {
    assertEquals("SFC_1", CNames.macro("sfc_1"));
    assertEquals("a * / b c", CNames.comment("a */ b\nc"));
  }
}
