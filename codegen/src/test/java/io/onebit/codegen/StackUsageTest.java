package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackUsageTest {
  @TempDir Path dir;

  @Test
  void sumsEveryFrameOfEverySuFile() throws Exception {
    Files.createDirectories(dir.resolve("onebit/cortexm"));
    Files.writeString(dir.resolve("harness.su"), "harness.c:36:5:main\t88\tstatic\nharness.c:20:13:print_result\t16\tstatic\n");
    Files.writeString(dir.resolve("onebit/cortexm/startup.su"), "startup.c:20:6:Reset_Handler\t8\tstatic\n");
    assertEquals(112, StackUsage.bound(dir));
  }

  @Test
  void aDynamicFrameIsRefused() throws Exception {
    Files.writeString(dir.resolve("model.su"), "model.c:3:9:infer\t40\tdynamic,bounded\n");
    CodegenException e = assertThrows(CodegenException.class, () -> StackUsage.bound(dir));
    assertTrue(e.getMessage().contains("dynamic stack frame"), e.getMessage());
  }
}
