package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input: one line on stderr naming the problem, a non-zero exit, no file written. */
class CommandErrorsTest {
  @TempDir
  Path dir;

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    int exit = cl.execute(args);
    return new Run(exit, err.toString());
  }

  private static void assertOneLine(Run run, String... fragments) {
    assertTrue(run.exit() != 0, "exit code");
    String text = run.err().strip();
    for (String fragment : fragments) {
      assertTrue(text.contains(fragment), "'" + fragment + "' in: " + text);
    }
    assertTrue(text.startsWith("onebit: error:"), text);
    assertFalse(text.contains("\n"), "one line: " + text);
  }

  @Test
  void missingModelFile() {
    Path missing = dir.resolve("nope.json");
    assertOneLine(run("eval", "--model", missing.toString()), "onebit: error:", "nope.json", "no such file");
  }

  @Test
  void corruptModelFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\": \"onebit-deploy\", \"version\": 1,");
    assertOneLine(run("eval", "--model", bad.toString()), "bad.json", "invalid deploy-model JSON");
  }

  @Test
  void unknownArchitectureIsRefusedBeforeAnyWork() {
    Path out = dir.resolve("m.json");
    assertOneLine(run("train", "--arch", "huge", "--out", out.toString()), "unknown architecture 'huge'", "sfc");
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownDatasetNamesTheKnownOnes() {
    assertOneLine(run("data", "fetch", "cifar"), "cifar", "mnist");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("train").exit());
    assertEquals(2, run("no-such-command").exit());
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
