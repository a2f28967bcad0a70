package io.onebit.cli;

import java.io.PrintStream;

/** Where commands print: results on stdout, progress and log lines on stderr. */
final class Console {
  private Console() {}

  static PrintStream out() {
    return System.out;
  }

  static void log(String line) {
    System.err.println(line);
  }
}
