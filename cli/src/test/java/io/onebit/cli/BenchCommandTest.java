package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onebit bench}: both kernel families, per-layer figures that sum to the total, the Markdown table. */
class BenchCommandTest {
  @TempDir
  Path dir;

  @Test
  void benchReportsBothFamiliesPerLayer() throws Exception {
    Path md = dir.resolve("bench.md");
    JsonNode reports = Json.mapper().readTree(CliRun.stdout("bench", "--model", "random:tfc", "--board", "mps2-an386", "--json",
        "--samples", "2", "--work-dir", dir.resolve("work").toString(), "--markdown", md.toString()));
    assertEquals(1, reports.size());
    JsonNode r = reports.get(0);
    for (String family : new String[] {"optimised", "reference"}) {
      JsonNode f = r.get(family);
      assertTrue(f.get("bit_exact").asBoolean(), family);
      assertEquals(5, f.get("layers").size(), "encode + 4 layers");
      double sum = 0;
      for (JsonNode segment : f.get("layers")) {
        sum += segment.get("instructions").asDouble();
      }
      double total = f.get("instructions_per_inference").asDouble();
      // each of the 5 segments is rounded to whole 40-instruction ticks, and the marks cost a few
      assertTrue(Math.abs(sum - total) <= 5 * 40 + 40, family + ": layers sum to " + sum + ", total " + total);
    }
    assertTrue(r.get("speedup").asDouble() > 5, r.toString());
    String table = Files.readString(md);
    assertTrue(table.startsWith("# Benchmarks"), table);
    assertTrue(table.contains("| mps2-an386 | yes |"), table);
  }
}
