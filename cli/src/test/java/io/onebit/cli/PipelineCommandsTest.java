package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a user runs, chained as in the README: train → eval → codegen → qemu-test, on
 * MNIST from the data cache (the test command fetches it), with a small network and one epoch.
 */
class PipelineCommandsTest {
  @TempDir
  Path dir;

  @Test
  void trainEvalCodegenQemuTest() throws Exception {
    Path model = dir.resolve("tfc.json");
    CliRun.stdout("train", "--arch", "tfc", "--epochs", "1", "--no-progress", "--out", model.toString());
    assertTrue(Files.exists(model));
    assertTrue(Files.exists(dir.resolve("tfc.metrics.json")));
    assertEquals(784, DeployModelIo.read(model).input().size());

    JsonNode eval = Json.mapper().readTree(CliRun.stdout("eval", "--model", model.toString(), "--json"));
    assertEquals(10000, eval.get("samples").asInt());
    assertTrue(eval.get("accuracy").asDouble() > 0.8, eval.toString());
    assertTrue(eval.get("float_agreement").asDouble() > 0.999, eval.toString());

    Path firmware = dir.resolve("fw");
    CliRun.stdout("codegen", "--model", model.toString(), "--board", "mps2-an386", "--out", firmware.toString());
    assertTrue(Files.exists(firmware.resolve("model.c")) && Files.exists(firmware.resolve("Makefile")));

    JsonNode qemu = Json.mapper().readTree(CliRun.stdout("qemu-test", "--model", model.toString(), "--board", "mps2-an386",
        "--samples", "200", "--json", "--work-dir", dir.resolve("qemu").toString()));
    for (String key : new String[] {"samples", "bit_exact", "accuracy", "instructions_per_inference", "flash_bytes",
        "ram_bytes"}) {
      assertTrue(qemu.has(key), key + " in " + qemu);
    }
    assertEquals(200, qemu.get("samples").asInt());
    assertTrue(qemu.get("bit_exact").asBoolean(), qemu.toString());
    assertTrue(qemu.get("accuracy").asDouble() > 0.8, qemu.toString());
  }
}
