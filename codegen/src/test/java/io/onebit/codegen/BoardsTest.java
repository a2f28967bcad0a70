package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardsTest {
  @Test
  void shipsTheQemuMps2Boards() {
    assertTrue(Boards.names().containsAll(List.of("mps2-an385", "mps2-an386")), Boards.names().toString());
  }

  @Test
  void loadsMps2An386() {
    Board b = Boards.load("mps2-an386");
    assertEquals("cortex-m4", b.cpu());
    assertEquals(0x00000000L, b.flashOrigin());
    assertEquals(4L << 20, b.flashSize());
    assertEquals(0x20000000L, b.ramOrigin());
    assertEquals(4L << 20, b.ramSize());
    assertEquals("semihosting", b.console());
    assertEquals("mps2-an386", b.qemuMachine());
    assertEquals(40.0, b.instructionsPerTick());
    assertEquals("ONEBIT_CPU_CORTEX_M4", b.cpuMacro());
    assertEquals(List.of("elf", "bin", "hex"), b.outputFormats());
  }

  @Test
  void unknownBoardListsTheKnownOnes() {
    CodegenException e = assertThrows(CodegenException.class, () -> Boards.load("stm32-nope"));
    assertTrue(e.getMessage().startsWith("unknown board 'stm32-nope' (known boards: "), e.getMessage());
    assertTrue(e.getMessage().contains("mps2-an386"), e.getMessage());
  }

  @Test
  void unknownFieldNamesTheFileAndTheField() {
    String json = new String(ClasspathResources.read("onebit/boards/mps2-an386.json"), StandardCharsets.UTF_8)
        .replace("\"cpu\":", "\"colour\": \"blue\", \"cpu\":");
    CodegenException e = assertThrows(CodegenException.class,
        () -> Boards.parse(json.getBytes(StandardCharsets.UTF_8), "boards/custom.json"));
    assertTrue(e.getMessage().startsWith("boards/custom.json: invalid board: unknown field 'colour'"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void duplicateKeysAndTrailingContentAreRefused() {
    String json = new String(ClasspathResources.read("onebit/boards/mps2-an386.json"), StandardCharsets.UTF_8);
    CodegenException twice = assertThrows(CodegenException.class, () -> Boards.parse(
        json.replace("\"cpu\":", "\"cpu\": \"cortex-m0\", \"cpu\":").getBytes(StandardCharsets.UTF_8), "boards/x.json"));
    assertTrue(twice.getMessage().startsWith("boards/x.json: invalid board: duplicate key 'cpu'"), twice.getMessage());
    CodegenException tail = assertThrows(CodegenException.class, () -> Boards.parse(
        (json + "\n{}").getBytes(StandardCharsets.UTF_8), "boards/x.json"));
    assertTrue(tail.getMessage().contains("unexpected content after the end"), tail.getMessage());
    CodegenException fraction = assertThrows(CodegenException.class, () -> Boards.parse(
        json.replaceFirst("\"cpu_clock_hz\": (\\d+)", "\"cpu_clock_hz\": $1.5").getBytes(StandardCharsets.UTF_8),
        "boards/x.json"));
    assertTrue(fraction.getMessage().contains("cpu_clock_hz: expected an integer"), fraction.getMessage());
  }

  @Test
  void invalidValuesAreOneLineErrors() {
    String json = new String(ClasspathResources.read("onebit/boards/mps2-an386.json"), StandardCharsets.UTF_8);
    CodegenException cpu = assertThrows(CodegenException.class, () -> Boards.parse(
        json.replace("\"cortex-m4\"", "\"cortex-a53\"").getBytes(StandardCharsets.UTF_8), "boards/x.json"));
    assertTrue(cpu.getMessage().startsWith("boards/x.json: cpu 'cortex-a53' is not one of"), cpu.getMessage());
    CodegenException size = assertThrows(CodegenException.class, () -> Boards.parse(
        json.replace("\"flash_size\": \"4M\"", "\"flash_size\": \"lots\"").getBytes(StandardCharsets.UTF_8), "boards/x.json"));
    assertTrue(size.getMessage().startsWith("boards/x.json: invalid board: flash_size: expected a number, 0x-hex, or a"
        + " size like 256K or 4M, got \"lots\""), size.getMessage());
  }

  @Test
  void memorySizesAcceptHexSuffixesAndDecimal() {
    assertEquals(0x20000000L, MemorySizeDeserializer.parse("0x20000000"));
    assertEquals(256L << 10, MemorySizeDeserializer.parse("256K"));
    assertEquals(4L << 20, MemorySizeDeserializer.parse("4m"));
    assertEquals(1234L, MemorySizeDeserializer.parse("1234"));
  }
}
