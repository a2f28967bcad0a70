package io.onebit.trainer.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools some sources need (npm, tar, dpkg, apt-get), each with a time limit. */
final class Commands {
  private Commands() {}

  /**
   * Runs {@code command} in {@code dir} (null: the current directory) and returns what it printed,
   * stdout and stderr together.
   *
   * @throws IOException with one line naming the command and its last line of output when it
   *     cannot start, exits non-zero or runs out of time
   */
  static String run(Path dir, Duration timeout, String... command) throws IOException {
    String shown = String.join(" ", command);
    // Output goes to a file rather than a pipe so that a chatty tool can never block on a full
    // pipe while we wait for it with a time limit.
    Path output = Files.createTempFile("onebit-command", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(dir == null ? null : dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      // apt-get must never stop to ask a question: nobody is there to answer it.
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new IOException(shown + ": cannot start: " + Failures.describe(e), e);
      }
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(shown + ": no result after " + timeout.toSeconds() + " s");
      }
      String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new IOException(shown + " exited with " + process.exitValue() + ": " + lastLine(text));
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(shown + ": interrupted");
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The last non-blank line, which is where tools put the reason they failed. */
  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "(no output)" : Failures.oneLine(lines.get(lines.size() - 1));
  }
}
