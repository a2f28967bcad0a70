package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build} and {@code flash}: images for real boards, the programmer command, one-line errors. */
class BoardCommandsTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void writeModel() throws Exception {
    model = dir.resolve("small.json");
    DeployModelIo.write(model, RandomModels.dense("small", InputSpec.thresholded(28, 28, 1, 128), new int[] {32, 10}, new Random(3)));
  }

  @Test
  void buildWritesThePicoImagesAndTheExpectedSerialOutput() throws Exception {
    Path out = dir.resolve("pico");
    CliRun r = CliRun.execute("build", "--model", model.toString(), "--board", "rpi-pico", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    for (String image : new String[] {"firmware.elf", "firmware.bin", "firmware.hex", "firmware.uf2"}) {
      assertTrue(Files.size(out.resolve(image)) > 0, image);
    }
    String expected = Files.readString(out.resolve("expected-results.txt"));
    assertTrue(expected.startsWith("R 0 ") && expected.endsWith("END 6\n"), expected);
    assertTrue(r.out().contains("flash ") && r.out().contains("stack"), r.out());
  }

  @Test
  void flashDryRunPrintsTheExactProgrammerCommand() {
    Path out = dir.resolve("f401");
    CliRun r = CliRun.execute("flash", "--model", model.toString(), "--board", "nucleo-f401re", "--out", out.toString(), "--dry-run");
    assertEquals(0, r.exit(), r.err());
    String elf = out.resolve("firmware.elf").toAbsolutePath().toString();
    assertEquals("openocd -f board/st_nucleo_f4.cfg -c 'program " + elf + " verify reset exit'", r.out().strip());
    CliRun stflash = CliRun.execute("flash", "--model", model.toString(), "--board", "nucleo-f446re", "--out", dir.resolve("f446").toString(), "--dry-run");
    assertEquals("st-flash --reset write " + dir.resolve("f446").resolve("firmware.bin").toAbsolutePath() + " 0x08000000", stflash.out().strip());
  }

  @Test
  void aMissingProgrammerNamesItsDebianPackage() {
    // None of the programmers is installed on the build machine; the check comes before any build.
    CliRun r = CliRun.execute("flash", "--model", model.toString(), "--board", "nrf52840-dk", "--out", dir.resolve("nrf").toString());
    if (r.exit() != 0) {
      assertEquals("onebit: error: pyocd not found on PATH; install it with: apt-get install python3-pyocd", r.err());
      assertFalse(Files.exists(dir.resolve("nrf").resolve("firmware.elf")));
    }
  }

  @Test
  void flashingAnEmulatedBoardIsAOneLineError() {
    CliRun r = CliRun.execute("flash", "--model", model.toString(), "--board", "mps2-an386", "--dry-run");
    assertEquals(1, r.exit());
    assertEquals("onebit: error: board mps2-an386 has no flash tool (it is emulated: run it with onebit qemu-test)", r.err());
  }

  @Test
  void aModelTooBigForTheBoardIsRefusedWithTheNumbers() throws Exception {
    Path big = dir.resolve("big.json");
    // 784-2048-2048-10: about 710 KiB of weights, more than the Nucleo-F401RE's 512 KiB of flash.
    DeployModelIo.write(big, RandomModels.dense("big", InputSpec.thresholded(28, 28, 1, 128), new int[] {2048, 2048, 10}, new Random(4)));
    CliRun r = CliRun.execute("build", "--model", big.toString(), "--board", "nucleo-f401re", "--out", dir.resolve("big").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("onebit: error: model 'big' does not fit board nucleo-f401re: flash needs "), r.err());
    assertTrue(r.err().contains("of 524288 B") && !r.err().contains("\n"), r.err());
    assertFalse(Files.exists(dir.resolve("big").resolve("model.c")));
  }
}
