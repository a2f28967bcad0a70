package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line on stderr naming the problem, a non-zero exit, no file written. */
class CommandErrorsTest {
  @TempDir
  Path dir;

  private static void assertOneLine(String error, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(error.contains(fragment), "'" + fragment + "' in: " + error);
    }
  }

  @Test
  void missingModelFile() {
    Path missing = dir.resolve("nope.json");
    assertOneLine(CliRun.oneLineError("eval", "--model", missing.toString()), "onebit: error:", "nope.json", "no such file");
  }

  @Test
  void corruptModelFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\": \"onebit-deploy\", \"version\": 1,");
    assertOneLine(CliRun.oneLineError("eval", "--model", bad.toString()), "bad.json", "invalid deploy model", "not valid JSON");
  }

  @Test
  void unknownArchitectureIsRefusedBeforeAnyWork() {
    Path out = dir.resolve("m.json");
    assertOneLine(CliRun.oneLineError("train", "--arch", "huge", "--out", out.toString()), "unknown architecture 'huge'", "sfc");
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownDatasetNamesTheKnownOnes() {
    assertOneLine(CliRun.oneLineError("data", "fetch", "cifar"), "cifar", "mnist");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, CliRun.execute("train").exit());
    assertEquals(2, CliRun.execute("no-such-command").exit());
  }

  @Test
  void metricsFileSitsBesideTheModel() {
    assertEquals(Path.of("out/model.metrics.json"), TrainingRun.metricsPath(Path.of("out/model.json")));
    assertEquals(Path.of("m.bin.metrics.json"), TrainingRun.metricsPath(Path.of("m.bin")));
  }

  @Test
  void floatPredictionsRoundTrip() {
    int[] p = {0, 9, 3, 35};
    assertEquals("093z", FloatPredictions.encode(p));
    org.junit.jupiter.api.Assertions.assertArrayEquals(p, FloatPredictions.decode("093z"));
  }
}
