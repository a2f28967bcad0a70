package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onebit trace}: the golden model's layers for one test image, and the same layers dumped by the firmware on QEMU. */
class TraceCommandTest {
  @TempDir
  Path dir;

  @Test
  void goldenTraceListsEveryLayerAndEndsInTheScores() throws Exception {
    DeployModel model = BenchModels.load("random:sfc");
    Dataset test = Datasets.load("mnist", "test", null, s -> { });
    JsonNode t = Json.mapper().readTree(CliRun.stdout("trace", "--model", "random:sfc", "--sample", "3", "--json"));
    assertEquals(3, t.get("sample").asInt());
    assertEquals(test.label(3), t.get("label").asInt());
    JsonNode tensors = t.get("tensors");
    assertEquals(5, tensors.size(), "the encoded input and 4 layers");
    assertEquals("input", tensors.get(0).get("type").asText());
    assertEquals(25, tensors.get(0).get("words").size());
    int[] scores = Json.mapper().treeToValue(tensors.get(4).get("scores"), int[].class);
    assertArrayEquals(new GoldenModel(model).infer(test.sample(3)).scores(), scores);
    assertTrue(t.get("first_divergence") == null, "no board, no comparison");

    String text = CliRun.stdout("trace", "--model", "random:sfc", "--sample", "3");
    assertTrue(text.contains("layer 3 dense_output"), text);
    assertTrue(text.contains("(25 words; --full shows all)"), text);
  }

  @Test
  void firmwareTraceOnQemuMatchesEveryLayer() throws Exception {
    CliRun run = CliRun.execute("trace", "--model", "random:cnn-s", "--sample", "0", "--board", "mps2-an386", "--json",
        "--work-dir", dir.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode t = Json.mapper().readTree(run.out());
    assertTrue(t.get("first_divergence").isNull(), t.get("first_divergence").toString());
    for (JsonNode tensor : t.get("tensors")) {
      assertEquals(0, tensor.get("differing").asLong(), tensor.get("type").asText());
      JsonNode golden = tensor.has("words") ? tensor.get("words") : tensor.get("scores");
      assertEquals(golden, tensor.get("device"), tensor.get("type").asText());
    }
    assertEquals("bitplane_conv_sign", t.get("tensors").get(0).get("type").asText(), "no encoded input on 8-bit models");
  }

  @Test
  void badInputIsOneLine() {
    assertTrue(CliRun.oneLineError("trace", "--model", "random:sfc", "--sample", "10000").contains("outside the mnist test split"));
    assertTrue(CliRun.oneLineError("trace", "--model", "random:sfc", "--sample", "1", "--board", "nucleo-f401re")
        .contains("has no QEMU machine"));
    assertTrue(CliRun.oneLineError("trace", "--model", "random:sfc", "--sample", "1", "--kernels", "fast")
        .contains("--kernels"));
  }

  /** A model trained on a dataset that is not MNIST-shaped IDX (digits: CSV, mapped to 8 bits, held-out split). */
  @Test
  void tracesASampleOfTheModelsOwnDataset() throws Exception {
    Path model = dir.resolve("d.json");
    CliRun.stdout("train", "--arch", "tfc", "--dataset", "digits", "--epochs", "1", "--batch-size", "20",
        "--no-progress", "--out", model.toString());
    String trace = CliRun.stdout("trace", "--model", model.toString(), "--sample", "3");
    assertTrue(trace.startsWith("model tfc_digits, digits test sample 3 (label "), trace);
    assertTrue(CliRun.oneLineError("trace", "--model", model.toString(), "--sample", "359")
        .contains("--sample 359 is outside the digits test split (0..358)"));
    assertTrue(CliRun.oneLineError("trace", "--model", "random:sfc", "--sample", "1", "--dataset", "digits")
        .contains("takes 28x28x1 uint8 samples, but digits has 8x8x1"));
  }
}
