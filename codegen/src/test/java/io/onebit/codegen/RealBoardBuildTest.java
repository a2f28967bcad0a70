package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every real (non-emulated) board builds its images from a small model; nothing runs them here. */
class RealBoardBuildTest {
  static final List<String> REAL_BOARDS = List.of("nucleo-f401re", "nucleo-f446re", "stm32f746g-disco", "nrf52840-dk", "rpi-pico");

  @TempDir Path dir;

  static DeployModel small() {
    return RandomModels.dense("small", InputSpec.thresholded(28, 28, 1, 128), new int[] {64, 64, 64, 10}, new Random(7));
  }

  @Test
  void everyRealBoardIsShippedAndHasAUartAndAFlashTool() {
    assertTrue(Boards.names().containsAll(REAL_BOARDS), Boards.names().toString());
    for (String name : REAL_BOARDS) {
      Board b = Boards.load(name);
      assertEquals("uart", b.console(), name);
      assertNull(b.qemuMachine(), name);
      assertTrue(b.flash() != null && b.flash().debianPackage() != null, name);
    }
  }

  @Test
  void everyRealBoardBuildsElfBinHexAndTheUartDriverIsLinked() throws IOException {
    for (String name : REAL_BOARDS) {
      Board board = Boards.load(name);
      Path out = dir.resolve(name);
      CodeGenerator.generate(small(), board, out, null);
      FirmwareImage image = FirmwareBuilder.build(out, board);
      for (String format : board.outputFormats()) {
        assertTrue(Files.size(image.images().get(format)) > 0, name + " " + format);
      }
      assertTrue(ElfSizes.hasSymbol(image.elf(), "onebit_uart_putc"), name);
      assertTrue(image.stackBytes() > 0 && image.stackBytes() < 2048, name + " stack " + image.stackBytes());
      ElfFile elf = ElfFile.read(image.elf());
      assertTrue(elf.symbols().stream().anyMatch(s -> s.name().equals("Reset_Handler")), name);
    }
  }

  @Test
  void picoImageStartsWithASealedBoot2AndItsUf2CoversTheBin() throws IOException {
    Board board = Boards.load("rpi-pico");
    CodeGenerator.generate(small(), board, dir, null);
    FirmwareImage image = FirmwareBuilder.build(dir, board);
    byte[] bin = Files.readAllBytes(image.images().get("bin"));
    byte[] stage = Arrays.copyOf(bin, 256);
    int crc = ByteBuffer.wrap(stage, 252, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(Boot2Sealer.crc32(stage, 252), crc);
    // The vector table follows at 0x10000100: initial SP at the top of RAM, reset vector in flash (thumb bit set).
    ByteBuffer vectors = ByteBuffer.wrap(bin, 256, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x20000000L + 264 * 1024, Integer.toUnsignedLong(vectors.getInt()));
    int reset = vectors.getInt();
    assertTrue((reset & 1) == 1 && Integer.toUnsignedLong(reset) > 0x10000100L, Integer.toHexString(reset));
    byte[] uf2 = Files.readAllBytes(image.images().get("uf2"));
    assertEquals((bin.length + 255) / 256 * 512, uf2.length);
    assertArrayEquals(Arrays.copyOf(bin, 256), Arrays.copyOfRange(uf2, 32, 32 + 256));
  }
}
