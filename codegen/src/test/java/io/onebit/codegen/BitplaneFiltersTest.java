package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The record layout codegen writes and the subset-sum kernel reads are defined twice, in
 * BitplaneFilters and in firmware/kernels/bitplane_conv_sign.h; the exactness tests catch a
 * mismatch by its wrong bits, this test by name.
 */
class BitplaneFiltersTest {
  private static final String HEADER = new String(
      ClasspathResources.read(FirmwareSources.DIRECTORY + "/kernels/bitplane_conv_sign.h"), StandardCharsets.UTF_8);

  private static int define(String name) {
    Matcher m = Pattern.compile("#define\\s+" + name + "\\s+(\\d+)u?\\b").matcher(HEADER);
    assertTrue(m.find(), name + " is not defined in bitplane_conv_sign.h");
    return Integer.parseInt(m.group(1));
  }

  @Test
  void groupTableAndChunkSizesMatchTheKernelHeader() {
    assertEquals(define("ONEBIT_BITPLANE_GROUP"), BitplaneFilters.GROUP);
    assertEquals(define("ONEBIT_BITPLANE_TABLE"), BitplaneFilters.TABLE);
    assertEquals(define("ONEBIT_BITPLANE_CHUNK_GROUPS"), BitplaneFilters.CHUNK_GROUPS);
  }
}
