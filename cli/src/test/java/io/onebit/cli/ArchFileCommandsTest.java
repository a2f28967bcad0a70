package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --arch-file}: a user-written CNN trains, folds and evaluates; bad files get one line. */
class ArchFileCommandsTest {
  @TempDir
  Path dir;

  @Test
  void smallCnnFromAFileTrainsAndTheGoldenModelAgreesWithTheFloatNetwork() throws Exception {
    Path arch = dir.resolve("mini.json");
    Files.writeString(arch, "{\"name\": \"mini\", \"input\": \"bitplanes\", \"layers\": ["
        + "{\"type\": \"conv\", \"filters\": 8, \"kernel\": 5, \"stride\": 2, \"padding\": \"valid\"},"
        + "{\"type\": \"maxpool\", \"size\": 2}, {\"type\": \"dense\", \"units\": 32}]}");
    Path model = dir.resolve("mini-model.json");
    CliRun.stdout("train", "--arch-file", arch.toString(), "--epochs", "1", "--no-progress", "--out", model.toString());
    assertTrue(Files.exists(dir.resolve("mini-model.metrics.json")));
    DeployModel deployed = DeployModelIo.read(model);
    assertTrue(deployed.layers().get(0) instanceof BitplaneConvSignLayer);
    assertEquals("mini", deployed.info().get("architecture"));

    JsonNode eval = Json.mapper().readTree(CliRun.stdout("eval", "--model", model.toString(), "--json"));
    assertTrue(eval.get("accuracy").asDouble() > 0.9, eval.toString());
    assertEquals(1.0, eval.get("float_agreement").asDouble(), 1e-3, eval.toString());
  }

  @Test
  void badArchitectureFileIsOneLineNamingTheFile() throws Exception {
    Path arch = dir.resolve("broken.json");
    Files.writeString(arch, "{\"name\": \"b\", \"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 30}]}");
    Path out = dir.resolve("m.json");
    String error = CliRun.oneLineError("train", "--arch-file", arch.toString(), "--out", out.toString());
    assertTrue(error.contains("broken.json") && error.contains("window does not fit"), error);
    assertFalse(Files.exists(out));
    String missing = CliRun.oneLineError("train", "--arch-file", dir.resolve("none.json").toString(), "--out",
        out.toString());
    assertTrue(missing.contains("none.json") && missing.contains("no such file"), missing);
  }
}
