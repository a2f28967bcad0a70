package io.onebit.cli;

import java.io.PrintWriter;

/**
 * The one line a SIGTERM'd {@code train} leaves on stderr, printed once by whichever thread gets
 * there first: the training thread (which knows the epoch and batch it stopped at) or the shutdown
 * hook. The JVM ends as soon as the hook returns, so a line left to the usual error handler of the
 * training thread could be cut off; the hook, holding the lock after its own line or the thread's,
 * lets the JVM end only once the line is out.
 */
final class StopReport {
  private final PrintWriter err;
  private boolean printed;

  StopReport(PrintWriter err) {
    this.err = err;
  }

  /** Prints {@code "onebit: error: " + line} unless a line was printed already; true when this call printed. */
  synchronized boolean print(String line) {
    if (printed) {
      return false;
    }
    printed = true;
    err.println("onebit: error: " + line);
    err.flush();
    return true;
  }
}
