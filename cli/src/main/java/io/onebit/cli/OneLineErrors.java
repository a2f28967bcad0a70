package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import java.nio.file.FileSystemException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Every failure of a command becomes one line on stderr and exit code 1; the stack trace is
 * shown only with {@code ONEBIT_VERBOSE=1}, for bug reports. No Java exception class name reaches
 * the user: a wrapper whose message is its cause's {@code toString()} (what parallel streams and
 * executors rethrow) gives way to the cause, and a leading class name is dropped.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
  /** "java.lang.IllegalArgumentException: " and the like at the start of a message. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    commandLine.getErr().println("onebit: error: " + message(ex));
    if ("1".equals(System.getenv("ONEBIT_VERBOSE"))) {
      ex.printStackTrace(commandLine.getErr());
    }
    commandLine.getErr().flush();
    return 1;
  }

  /**
   * A command-line mistake (unknown option, bad value) as one line naming the option and how to
   * get help; exit code 2.
   */
  static final class Usage implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      String message = ex.getMessage() == null ? "bad arguments" : ex.getMessage().lines().findFirst().orElse("");
      cl.getErr().println("onebit: error: " + message + " (see: onebit " + cl.getCommandName() + " --help)");
      cl.getErr().flush();
      return 2;
    }
  }

  /** The one line for {@code ex}. */
  static String message(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (t instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
      // NoSuchFileException("/proc/x") and its kin carry only the path: add what went wrong with it.
      message = f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": "
          + AtomicFiles.reason(f);
    }
    if (message == null || message.isBlank()) {
      return "internal error (" + kind(t) + "); please report it (ONEBIT_VERBOSE=1 prints the stack trace)";
    }
    String line = message.lines().findFirst().orElse(message);
    String previous;
    do {
      previous = line;
      line = CLASS_PREFIX.matcher(line).replaceFirst("");
    } while (!line.equals(previous));
    return line;
  }

  /** A plain-words kind for exceptions that carry no message. */
  private static String kind(Throwable t) {
    if (t instanceof NullPointerException) {
      return "a missing value";
    }
    if (t instanceof ArithmeticException) {
      return "an arithmetic overflow";
    }
    if (t instanceof IndexOutOfBoundsException) {
      return "an index out of range";
    }
    return "an unexpected failure";
  }
}
