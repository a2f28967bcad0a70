package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.ElfSizes;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.MemoryUsage;
import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java ELF reader agrees with binutils' arm-none-eabi-size on a real firmware. */
class ElfSizesTest {
  @Test
  void javaSizesMatchArmNoneEabiSize() throws Exception {
    Board board = Boards.load("mps2-an386");
    DeployModel model = QemuFixtures.sfc(11);
    Path work = QemuFixtures.WORK.resolve("elf-sizes");
    CodeGenerator.GeneratedSources sources = CodeGenerator.generate(model, board, work, null);
    FirmwareImage image = FirmwareBuilder.build(work, board);
    ElfSizes sizes = ElfSizes.of(image, sources.model());

    assertEquals(berkeley(image.elf()), sizes.firmware());
    assertEquals(berkeley(image.modelObject()), sizes.model());
    assertEquals(sources.model().weightBytes(), sizes.weightBytes());
  }

  /** text + data as flash, data + bss as RAM, from `arm-none-eabi-size` (Berkeley format). */
  private static MemoryUsage berkeley(Path elf) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("arm-none-eabi-size", elf.toString())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    String[] f = out.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
    long text = Long.parseLong(f[0]);
    long data = Long.parseLong(f[1]);
    long bss = Long.parseLong(f[2]);
    return new MemoryUsage(text + data, data + bss);
  }
}
