package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional real-board fields: uart, flash, boot2, uf2_family_id. */
class RealBoardSchemaTest {
  private static String pico() {
    return new String(ClasspathResources.read("onebit/boards/rpi-pico.json"), StandardCharsets.UTF_8);
  }

  private static String refused(String json) {
    CodegenException e = assertThrows(CodegenException.class,
        () -> Boards.parse(json.getBytes(StandardCharsets.UTF_8), "boards/x.json"));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void picoLoadsWithItsUartBoot2AndUf2Family() {
    Board b = Boards.load("rpi-pico");
    assertEquals("pl011", b.uart().driver());
    assertEquals((6L << 6) | 33, b.uart().divisor()); // 12 MHz / (16 * 115200) = 6 + 33/64
    assertEquals("rp2040-w25q", b.boot2());
    assertEquals(0xE48BFF56L, b.uf2FamilyId());
    assertEquals(8, b.uart().steps().size());
    assertEquals("ONEBIT_STEP_WAIT", b.uart().steps().get(2).operation());
  }

  @Test
  void stm32AndNrfDivisors() {
    assertEquals(139, Boards.load("nucleo-f401re").uart().divisor()); // 16 MHz / 115200, rounded
    assertEquals(0x01D7E000L, Boards.load("nrf52840-dk").uart().divisor());
  }

  @Test
  void emulatedBoardsNeedNoneOfTheNewFields() {
    Board b = Boards.load("mps2-an386");
    assertEquals(null, b.uart());
    assertEquals(null, b.flash());
    assertTrue(b.emulated());
  }

  @Test
  void badRealBoardFieldsAreOneLineErrors() {
    assertTrue(refused(pico().replace("\"driver\": \"pl011\"", "\"driver\": \"pl011\", \"parity\": \"odd\""))
        .startsWith("boards/x.json: invalid board: uart: unknown field 'parity'"));
    assertTrue(refused(pico().replace("\"pl011\"", "\"8250\"")).startsWith("boards/x.json: uart driver '8250' is not one of"));
    assertTrue(refused(pico().replace("\"console\": \"uart\"", "\"console\": \"semihosting\""))
        .contains("console 'uart' needs a uart object"));
    assertTrue(refused(pico().replace("\"tool\": \"picotool\"", "\"tool\": \"jlink\"")).contains("flash tool 'jlink' is not one of"));
    assertTrue(refused(pico().replace("\"uf2_family_id\": \"0xE48BFF56\",", "")).contains("uf2 needs uf2_family_id"));
    assertTrue(refused(pico().replace("\"boot2\": \"rp2040-w25q\"", "\"boot2\": \"stm32\"")).contains("boot2 'stm32' is not one of"));
    assertTrue(refused(pico().replace("{\"write\": \"0x40014004\", \"value\": 2}", "{\"write\": \"0x40014004\", \"set\": 2}"))
        .contains("a write step takes only value"));
    assertTrue(refused(pico().replace("\"baud\": 115200", "\"baud\": 10")).contains("cannot be made from clock_hz"));
  }

  @Test
  void flashPlanFillsThePlaceholders() {
    Board b = Boards.load("nucleo-f446re");
    FirmwareImage image = new FirmwareImage(java.nio.file.Path.of("/fw/firmware.elf"),
        java.util.Map.of("elf", java.nio.file.Path.of("/fw/firmware.elf"), "bin", java.nio.file.Path.of("/fw/firmware.bin")),
        null, Kernels.BOARD, 0);
    assertEquals(List.of("st-flash", "--reset", "write", "/fw/firmware.bin", "0x08000000"), FlashPlan.command(b, image));
    assertEquals("a 'b c' 'it'\\''s'", FlashPlan.shellLine(List.of("a", "b c", "it's")));
  }

  @Test
  void fitCheckRefusesBeforeAnyCIsWritten() {
    Board microbit = Boards.load("mps2-an386");
    ModelView view = ModelView.of(CodeGeneratorTest.tiny("tiny"), microbit);
    FitCheck.beforeBuild(view, microbit, "tiny", new TestVectors(new byte[][] {new byte[view.inputSize()]}));
    Board tinyRam = Boards.parse(new String(ClasspathResources.read("onebit/boards/mps2-an386.json"), StandardCharsets.UTF_8)
        .replace("\"ram_size\": \"4M\"", "\"ram_size\": 1024").getBytes(StandardCharsets.UTF_8), "boards/tiny.json");
    CodegenException e = assertThrows(CodegenException.class,
        () -> FitCheck.beforeBuild(view, tinyRam, "tiny", new TestVectors(new byte[][] {new byte[view.inputSize()]})));
    assertTrue(e.getMessage().startsWith("model 'tiny' does not fit board mps2-an386: flash needs "), e.getMessage());
    assertTrue(e.getMessage().contains("stack reserve 4096) of 1024 B"), e.getMessage());
  }
}
