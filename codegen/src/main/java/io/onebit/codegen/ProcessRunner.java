package io.onebit.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external tool with a time limit and captures its combined stdout and stderr. */
final class ProcessRunner {
  private ProcessRunner() {}

  /** The outcome of one run; {@code exitCode} is -1 when the time limit killed the process. */
  record Result(List<String> command, int exitCode, boolean timedOut, String output) {
    boolean ok() {
      return !timedOut && exitCode == 0;
    }
  }

  /**
   * Runs {@code command} in {@code dir}. Output goes to a file rather than a pipe, so a chatty
   * process never blocks on a full pipe buffer.
   */
  static Result run(List<String> command, Path dir, Duration timeout) {
    return run(command, dir, timeout, Map.of());
  }

  /** As {@link #run(List, Path, Duration)}, with extra environment variables. */
  static Result run(List<String> command, Path dir, Duration timeout, Map<String, String> environment) {
    Path log = null;
    try {
      log = Files.createTempFile("onebit-process", ".log");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process = builder
          .directory(dir == null ? null : dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(List.copyOf(command), finished ? process.exitValue() : -1, !finished, output);
    } catch (IOException e) {
      throw new CodegenException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodegenException("interrupted while running " + command.get(0), e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a leftover temporary log is harmless
        }
      }
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
