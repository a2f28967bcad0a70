package io.onebit.cli;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onebit codegen} prints the memory plan: flash and RAM per layer, and the model's RAM. */
class CodegenMemoryPlanTest {
  @TempDir Path dir;

  @Test
  void codegenPrintsFlashAndRamPerLayer() throws Exception {
    Path model = dir.resolve("cnn.json");
    DeployModelIo.write(model, RandomDeployModels.of(Architecture.named("cnn-ref"), 28, 28, 1, 10, 1));
    String out = CliRun.stdout("codegen", "--model", model.toString(), "--board", "mps2-an386", "--out",
        dir.resolve("fw").toString());
    assertTrue(out.contains("memory plan"), out);
    assertTrue(out.contains("layer 0 bitplane_conv_sign"), out);
    assertTrue(out.contains("layer 6 flatten"), out);
    assertTrue(out.contains("RAM 17,288 B: arena 6,272 B"), out);
    assertTrue(Files.readString(dir.resolve("fw").resolve("model.c")).contains("RAM 17,288 B"));
  }
}
