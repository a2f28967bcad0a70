package io.onebit.cli;

import io.onebit.trainer.train.Trainer;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code onebit} command: one subcommand class per verb. */
@Command(name = "onebit", mixinStandardHelpOptions = true, version = "onebit 0.1.0",
    description = "Train binarized neural networks and ship them as exact C firmware for Cortex-M.",
    subcommands = {
        QuickstartCommand.class, SetupCommand.class, DataCommand.class, TrainCommand.class, EvalCommand.class,
        CodegenCommand.class, QemuTestCommand.class, ExperimentCommand.class, PredictCommand.class,
        SummaryCommand.class, TraceCommand.class, ReportCommand.class, ExportCommand.class, CompletionCommand.class,
        BuildCommand.class, FlashCommand.class, BenchCommand.class, BenchTrainCommand.class, EvaluatorBenchCommand.class,
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
    return cl;
  }
}
