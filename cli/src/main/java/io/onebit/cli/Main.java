package io.onebit.cli;

import io.onebit.trainer.train.Trainer;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;

/** The {@code onebit} command: one subcommand class per verb. */
@Command(name = "onebit", mixinStandardHelpOptions = true, version = "onebit 0.1.0",
    description = "Train binarized neural networks and ship them as exact C firmware for Cortex-M.",
    subcommands = {
        QuickstartCommand.class, SetupCommand.class, DataCommand.class, TrainCommand.class, EvalCommand.class,
        CodegenCommand.class, QemuTestCommand.class, ExperimentCommand.class, PredictCommand.class,
        SummaryCommand.class, TraceCommand.class, ReportCommand.class, ExportCommand.class, CompletionCommand.class,
        BuildCommand.class, FlashCommand.class, BenchCommand.class, BenchTrainCommand.class, BernoulliBenchCommand.class,
        EvaluatorBenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: one-line errors, exit code 1 for failures and 2 for usage. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    TrainingOptions.addTo(cl.getSubcommands().get("train").getCommandSpec(), Map.of());
    TrainingOptions.addTo(cl.getSubcommands().get("quickstart").getCommandSpec(),
        Map.of(Trainer.EPOCHS, QuickstartCommand.EPOCHS));
    TrainingOptions.addTo(cl.getSubcommands().get("bench-train").getCommandSpec(),
        Map.of(Trainer.EPOCHS, BenchTrainCommand.EPOCHS));
    cl.setExecutionExceptionHandler(new OneLineErrors());
    cl.setParameterExceptionHandler(new OneLineErrors.Usage());
    cl.setExecutionStrategy(Main::runCatchingErrors);
    return cl;
  }

  /**
   * Runs the command; a JVM {@link Error} (out of memory, stack overflow) thrown by it is turned into
   * an exception, so that it too ends as one line from {@link OneLineErrors} rather than a stack
   * trace (picocli hands only exceptions to the handler).
   */
  private static int runCatchingErrors(CommandLine.ParseResult parsed) {
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (OutOfMemoryError e) {
      long max = Runtime.getRuntime().maxMemory() >> 20;
      throw wrap(parsed, new ResourceExhaustedException("out of memory: this JVM may use " + max
          + " MiB (raise it with ONEBIT_JAVA_OPTS=-Xmx16g, or use a smaller model, batch or sample count)", e));
    } catch (StackOverflowError e) {
      throw wrap(parsed, new ResourceExhaustedException("stack overflow; please report it (ONEBIT_VERBOSE=1 prints"
          + " the stack trace)", e));
    } catch (Error e) {
      throw wrap(parsed, new ResourceExhaustedException("internal error: " + OneLineErrors.message(e)
          + "; please report it (ONEBIT_VERBOSE=1 prints the stack trace)", e));
    }
  }

  private static ExecutionException wrap(CommandLine.ParseResult parsed, ResourceExhaustedException e) {
    CommandLine.ParseResult p = parsed;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    return new ExecutionException(p.commandSpec().commandLine(), e.getMessage(), e);
  }

  /** A JVM error (out of memory, stack overflow), as an exception the one-line handler prints. */
  static final class ResourceExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResourceExhaustedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
