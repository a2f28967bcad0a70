package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.Json;
import org.junit.jupiter.api.Test;

/** {@code onebit bench-evaluator}: prints its figures (not a timing assertion) and refuses what it cannot measure. */
class EvaluatorBenchCommandTest {
  @Test
  void printsEveryFigureWithTheLoad() throws Exception {
    JsonNode r = Json.mapper().readTree(CliRun.stdout("bench-evaluator", "--arch", "tfc", "--batch", "200",
        "--population", "2", "--seconds", "0.2", "--json"));
    assertEquals("tfc", r.get("architecture").asText());
    assertEquals(59_008, r.get("weights").asLong());
    for (String figure : new String[] {"images_per_second", "single_flips_per_second", "all_flips_seconds"}) {
      assertTrue(r.get(figure).asDouble() > 0, figure);
    }
    assertTrue(r.get("load_average_before").asText().matches("[0-9.]+ [0-9.]+ [0-9.]+|n/a"), r.toString());
  }

  @Test
  void convolutionsAreRefusedInOneLine() {
    String error = CliRun.oneLineError("bench-evaluator", "--arch", "cnn-s", "--seconds", "0.1");
    assertTrue(error.contains("cnn-s has convolutions"), error);
  }
}
