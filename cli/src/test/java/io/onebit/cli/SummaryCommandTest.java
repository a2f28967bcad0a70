package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onebit summary}: Larq's columns, the device columns, and instructions per layer from QEMU. */
class SummaryCommandTest {
  @TempDir
  Path dir;

  @Test
  void summaryOfTheModelAloneCountsWhatLarqCounts() throws Exception {
    JsonNode s = Json.mapper().readTree(CliRun.stdout("summary", "--model", "random:sfc", "--json"));
    assertEquals(4, s.get("layers").size());
    JsonNode first = s.get("layers").get(0);
    assertEquals("dense_sign", first.get("type").asText());
    assertEquals("1x1x784", first.get("input_shape").asText());
    assertEquals(784 * 256, first.get("binary_macs").asLong());
    assertEquals(256 * 25, first.get("xor_words").asLong());
    assertTrue(first.get("instructions").isNull(), "no board, no instructions");
    JsonNode t = s.get("totals");
    long binary = 784 * 256 + 2 * 256 * 256 + 256 * 10;
    long integer = 3 * 256 + 2 * 10;
    assertEquals(binary, t.get("binary_parameters").asLong());
    assertEquals(integer, t.get("integer_parameters").asLong());
    assertEquals(binary / 8 + 4 * integer, t.get("memory_bytes").asLong());
    assertEquals(4 * (binary + integer), t.get("float32_bytes").asLong());
    assertEquals(4.0 * (binary + integer) / (binary / 8 + 4 * integer), t.get("float32_ratio").asDouble(), 1e-9);
    assertTrue(s.get("device").isNull());
  }

  @Test
  void withAnEmulatedBoardEveryLayerHasItsInstructions() throws Exception {
    JsonNode s = Json.mapper().readTree(CliRun.stdout("summary", "--model", "random:cnn-s", "--board", "mps2-an386",
        "--samples", "1", "--json", "--work-dir", dir.toString()));
    JsonNode d = s.get("device");
    assertTrue(d.get("fits").asBoolean());
    assertTrue(d.get("measured").asBoolean());
    double total = d.get("instructions_per_inference").asDouble();
    double sum = s.get("encode_instructions").asDouble();
    for (JsonNode row : s.get("layers")) {
      assertTrue(row.get("instructions").asDouble() > 0 || row.get("type").asText().equals("flatten"), row.toString());
      sum += row.get("instructions").asDouble();
    }
    int segments = s.get("layers").size() + 1;
    assertTrue(Math.abs(sum - total) <= 40.0 * (segments + 1), "layers sum to " + sum + ", total " + total);
    assertEquals(1000.0 * total / 25_000_000, d.get("milliseconds_at_one_instruction_per_cycle").asDouble(), 1e-9);
    assertEquals(s.get("layers").get(0).get("int8_macs").asLong(), 28L * 28 * 32 * 9,
        "cnn-s starts with 32 3x3 filters on the 8-bit input");

    String text = CliRun.stdout("summary", "--model", "random:cnn-s");
    assertTrue(text.contains("0 bitplane_conv_sign"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("total")), text);
    assertTrue(text.contains("float32 equivalent"), text);
  }

  @Test
  void aModelTooBigForTheBoardIsSummarisedWithTheFitCheck() {
    String text = CliRun.stdout("summary", "--model", "random:lfc", "--board", "microbit", "--work-dir", dir.toString());
    String board = text.lines().filter(l -> l.startsWith("board microbit")).findFirst().orElseThrow();
    assertTrue(board.contains("DOES NOT FIT") && board.contains("does not fit: model 'lfc"), board);
    assertFalse(board.contains("instructions per inference"), board);
  }

  @Test
  void badInputIsOneLine() {
    assertTrue(CliRun.oneLineError("summary", "--model", dir.resolve("missing.json").toString()).contains("missing.json"));
    assertTrue(CliRun.oneLineError("summary", "--model", "random:sfc", "--board", "no-such-board").contains("no-such-board"));
  }
}
