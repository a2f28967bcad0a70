package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.codegen.Boards;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qemu-test --all-boards --json}: one object per emulated board, with the single-run keys. */
class AllBoardsCommandTest {
  @TempDir Path dir;

  @Test
  void everyEmulatedBoardGetsAnObjectWithTheSingleRunKeys() throws Exception {
    Path model = dir.resolve("m.json");
    DeployModelIo.write(model, RandomModels.dense("m", InputSpec.thresholded(28, 28, 1, 128), new int[] {32, 10}, new Random(5)));
    String out = CliRun.stdout("qemu-test", "--model", model.toString(), "--all-boards", "--samples", "3", "--json",
        "--work-dir", dir.resolve("work").toString());
    JsonNode list = Json.mapper().readTree(out);
    long emulated = Boards.names().stream().map(Boards::load).filter(b -> b.emulated()).count();
    assertEquals(emulated, list.size(), list.toString());
    for (JsonNode o : list) {
      for (String key : new String[] {"board", "samples", "bit_exact", "accuracy", "instructions_per_inference", "flash_bytes",
          "ram_bytes", "stack_bytes"}) {
        assertTrue(o.has(key), key + " in " + o);
      }
      assertTrue(o.get("bit_exact").asBoolean(), o.toString());
      assertTrue(Boards.load(o.get("board").asText()).emulated(), o.toString());
    }
  }
}
