package io.onebit.cli;

import java.io.PrintStream;

/** Where commands print: results on stdout, progress and log lines on stderr. */
final class Console {
  private Console() {}

  static PrintStream out() {
    return System.out;
  }

  /** One log line; over a progress bar drawn on the terminal, the bar's line is cleared first (it redraws). */
  static void log(String line) {
    System.err.println(Progress.liveOnTerminal() ? "\r\u001b[2K" + line : line);
  }
}
