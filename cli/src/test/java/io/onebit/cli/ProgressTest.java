package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress bars: plain lines with an ETA when stderr is a log, nothing when disabled (--json). */
class ProgressTest {
  @Test
  void aLogGetsPlainLinesWithoutCarriageReturns() throws Exception {
    String err = captureErr(() -> {
      try (Progress bar = Progress.start("boards", 4, true, false, Duration.ofMillis(50))) {
        for (int i = 0; i < 4; i++) {
          bar.message("board " + i);
          Thread.sleep(120);
          bar.step();
        }
      }
    });
    assertFalse(err.contains("\r"), "carriage return in " + err);
    List<String> lines = err.lines().toList();
    assertTrue(lines.size() >= 3, "a line per update: " + err);
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("boards 100%") && last.contains("4/4"), last);
    assertTrue(lines.stream().anyMatch(l -> l.contains(" / ")), "elapsed / ETA: " + err);
  }

  @Test
  void disabledBarsPrintNothing() throws Exception {
    String err = captureErr(() -> {
      try (Progress bar = Progress.start("silent", 3, false)) {
        bar.step();
        bar.message("x");
      }
    });
    assertEquals("", err);
  }

  @Test
  void jsonCommandsPrintNoBar() {
    CliRun run = CliRun.execute("summary", "--model", "random:tfc", "--json");
    assertEquals(0, run.exit());
    assertEquals("", run.err());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String captureErr(Body body) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
