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

  /** A command that fails as the JVM can: out of memory, a stack overflow, a wrapped exception. */
  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0")
    String kind;

    @Override
    public Integer call() throws Exception {
      switch (kind) {
        case "nofile" -> throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/proc/x"));
        case "denied" -> throw new java.nio.file.AccessDeniedException("/srv/ro/lib");
        case "oom" -> throw new OutOfMemoryError("Java heap space");
        case "stack" -> throw new StackOverflowError();
        case "wrapped" -> throw new RuntimeException(new IllegalArgumentException("sample has 784 bytes"));
        default -> throw new NullPointerException();
      }
    }
  }

  private static String boom(String kind) {
    picocli.CommandLine cl = Main.commandLine().addSubcommand("boom", new Boom());
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertEquals(1, cl.execute("boom", kind));
    String line = err.toString().strip();
    assertFalse(line.contains("\n") || line.contains("java.") || line.contains("Exception") || line.contains("Error:"),
        line);
    return line;
  }

  @Test
  void jvmErrorsAndWrappedExceptionsEndAsOneLine() {
    assertOneLine(boom("oom"), "onebit: error: out of memory: this JVM may use", "ONEBIT_JAVA_OPTS=-Xmx");
    assertOneLine(boom("stack"), "onebit: error: stack overflow; please report it");
    assertEquals("onebit: error: sample has 784 bytes", boom("wrapped"));
    assertOneLine(boom("npe"), "onebit: error: internal error (a missing value); please report it");
  }

  /** A file-system error whose message is only its path (NoSuchFileException("/proc/x")) says what went wrong. */
  @Test
  void fileSystemErrorsNameTheFileAndTheReason() {
    assertEquals("onebit: error: /proc/x: no such file or directory", boom("nofile"));
    assertEquals("onebit: error: /srv/ro/lib: permission denied", boom("denied"));
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
