package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} stopped by SIGTERM writes its
 * checkpoint, exits 143 and says so in one line on stderr, naming the checkpoint and {@code --resume},
 * with no model written. The line used to be lost: the JVM ended when the shutdown hook returned,
 * before the training thread's error handler printed.
 */
class TrainSigtermTest {
  @TempDir
  Path dir;

  @Test
  void aSigtermLeavesTheCheckpointAndOneLineSayingSo() throws Exception {
    Path out = dir.resolve("m.json");
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-XX:-UsePerfData", "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "train", "--arch", "sfc", "--epochs", "500",
        "--no-progress", "--out", out.toString())).directory(dir.toFile()).start();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getInputStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    StringBuilder stderr = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      boolean sent = false;
      for (String line; (line = lines.readLine()) != null; ) {
        stderr.append(line).append('\n');
        if (!sent && line.startsWith("epoch   1 ")) { // training runs and checkpoints: stop it there
          // kill(1), not Process.destroy(): destroy closes this end of the pipes
          assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
          sent = true;
        }
      }
    }
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run ends after SIGTERM");
    stdout.join();
    assertEquals(143, p.exitValue(), stderr.toString());
    Path checkpoint = dir.resolve("m.checkpoint");
    List<String> said = stderr.toString().lines().filter(l -> l.startsWith("onebit: error: ")).toList();
    assertEquals(1, said.size(), stderr.toString());
    assertTrue(said.get(0).matches("onebit: error: training stopped (at epoch \\d+, batch \\d+|by SIGTERM); checkpoint"
        + " saved to .*m\\.checkpoint \\(resume with --resume\\)"), said.get(0));
    assertTrue(Files.exists(checkpoint), "checkpoint");
    assertFalse(Files.exists(out), "no model");
  }
}
