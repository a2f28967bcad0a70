package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code onebit} in-process as a user would, capturing what it prints. */
record CliRun(int exit, String out, String err) {
  /** Executes the command line; commands print results on System.out and errors on picocli's err. */
  static CliRun execute(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit = cl.execute(args);
      return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString().strip());
    } finally {
      System.setOut(saved);
    }
  }

  /** Standard output of a command that must succeed. */
  static String stdout(String... args) {
    CliRun r = execute(args);
    assertEquals(0, r.exit(), () -> String.join(" ", args) + " failed: " + r.err() + r.out());
    return r.out();
  }

  /** The error line of a command that must fail with one line "onebit: error: ...". */
  static String oneLineError(String... args) {
    CliRun r = execute(args);
    assertTrue(r.exit() != 0, "exit code of " + String.join(" ", args));
    assertTrue(r.err().startsWith("onebit: error:"), r.err());
    assertFalse(r.err().contains("\n"), "one line: " + r.err());
    return r.err();
  }
}
