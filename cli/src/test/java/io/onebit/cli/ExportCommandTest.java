package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onebit export}: what it says it wrote, and one-line refusals that write nothing. */
class ExportCommandTest {
  @TempDir
  Path dir;

  @Test
  void exportsEachFormat() throws Exception {
    for (String format : new String[] {"arduino", "platformio", "zephyr", "cmake"}) {
      Path out = dir.resolve(format);
      String printed = CliRun.stdout("export", "--model", "random:tfc", "--board", "mps2-an386", "--format", format,
          "--out", out.toString());
      assertTrue(printed.startsWith("wrote " + out + ": " + format + " for mps2-an386 (cortex-m4)"), printed);
      assertTrue(Files.isRegularFile(out.resolve("README.md")), format);
    }
    String again = CliRun.oneLineError("export", "--model", "random:tfc", "--board", "mps2-an386", "--format", "cmake",
        "--out", dir.resolve("cmake").toString());
    assertTrue(again.contains("exists and is not empty (use --force"), again);
    CliRun.stdout("export", "--model", "random:sfc", "--board", "mps2-an386", "--format", "cmake", "--out",
        dir.resolve("cmake").toString(), "--force");
    assertTrue(Files.readString(dir.resolve("cmake/CMakeLists.txt")).contains("sfc_random_model"), "replaced");
  }

  @Test
  void badRequestsAreOneLine() {
    assertTrue(CliRun.oneLineError("export", "--model", "random:tfc", "--board", "mps2-an386", "--format", "makefile",
        "--out", dir.resolve("x").toString()).contains("unknown export format 'makefile' (known: arduino, platformio, zephyr, cmake)"));
    assertTrue(CliRun.oneLineError("export", "--model", "random:lfc", "--board", "microbit", "--format", "arduino",
        "--out", dir.resolve("y").toString()).contains("does not fit board microbit"));
    assertTrue(CliRun.oneLineError("export", "--model", "random:tfc", "--board", "rpi-pico", "--format", "cmake",
        "--out", dir.resolve("z").toString()).contains("second stage"));
    assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")));
  }
}
