package io.onebit.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Every failure of a command becomes one line on stderr and exit code 1; the stack trace is
 * shown only with {@code ONEBIT_VERBOSE=1}, for bug reports.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    String message = ex.getMessage();
    if (message == null || message.isBlank()) {
      message = ex.getClass().getSimpleName();
    }
    commandLine.getErr().println("onebit: error: " + message.lines().findFirst().orElse(message));
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
}
