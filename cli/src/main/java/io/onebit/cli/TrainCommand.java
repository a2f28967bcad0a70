package io.onebit.cli;

import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.train.Checkpoints;
import io.onebit.trainer.train.TrainingInterruptedException;
import io.onebit.trainer.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onebit train}: trains a binary network, folds it and writes the deploy model. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a binary network and write the folded deploy model, its per-epoch metrics"
        + " (loss, accuracies, flip-flop and change-to-initial ratios per layer) and their plots (PNG) beside it.",
        "Default recipe: BinaryNet (STE sign with hard-tanh cancel, clipped latent weights, BatchNorm), Adam,"
        + " exponential learning-rate decay. --method two-stage is AdamBNN's recipe.",
        "Every option works on every architecture, or is refused before any work with the reason."})
final class TrainCommand implements Callable<Integer> {
  @Mixin
  TrainingOptions options;

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "deploy model to write (JSON)")
  Path out;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Option(names = "--resume", description = "continue the run whose checkpoint (MODEL.checkpoint beside --out) a"
      + " kill or SIGTERM left; the result is the model an uninterrupted run gives, bit for bit")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = options.config(spec);
    // Outputs first: a path that cannot be written must fail before minutes of training.
    OutputPaths.file(spec, "--out", out);
    TrainingRun.checkOutputs(out);
    OutputPaths.notAnInput("--out", out, options.archFile, "--arch-file");
    OutputPaths.notAnInput("--out", out, config.settings().get(Distillation.TEACHER), "--teacher");
    Checkpoints checkpoints = Checkpoints.at(TrainingRun.checkpointPath(out), resume);
    // SIGTERM: the loop checkpoints at the next batch boundary, then the JVM exits (143) with one
    // line on stderr saying where the checkpoint is.
    StopReport report = new StopReport(spec.commandLine().getErr());
    Thread onTerm = new Thread(() -> {
      checkpoints.requestStop();
      if (checkpoints.awaitStop(300) && java.nio.file.Files.exists(checkpoints.file())) {
        report.print("training stopped by SIGTERM; checkpoint saved to " + checkpoints.file() + " (resume with"
            + " --resume)");
      }
    }, "onebit-checkpoint-on-sigterm");
    Runtime.getRuntime().addShutdownHook(onTerm);
    TrainingRun.Outcome outcome;
    try {
      outcome = TrainingRun.run(config, data, out, new ProgressListener(!noProgress), checkpoints,
          CommandLines.of("onebit", CommandLines.withFileNameOnly(spec.commandLine().getParseResult().originalArgs()
              .stream().filter(a -> !a.equals("--resume") && !a.equals("--no-progress")).toList(), "--out")));
    } catch (TrainingInterruptedException stopped) {
      report.print(stopped.getMessage()); // only the hook requests a stop: the JVM is ending
      return 143;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onTerm);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for the checkpoint the loop has just written
      }
    }
    var epochs = outcome.result().epochs();
    var last = epochs.get(epochs.size() - 1);
    String accuracy = outcome.testAccuracy() == null
        ? String.format("float test accuracy %.2f%%", 100 * outcome.result().testAccuracy())
        : String.format("float validation accuracy %.2f%%, golden-model test accuracy %.2f%%",
            100 * outcome.result().testAccuracy(), 100 * outcome.testAccuracy());
    Console.out().printf("%s, %.1f s per epoch, last epoch FF %.2e, C2I %.3f; wrote %s and %s%n", accuracy,
        outcome.result().secondsPerEpoch(), last.ffRatio(), last.c2iRatio(), outcome.modelPath(), outcome.metricsPath());
    List<Path> plots = TrainingPlots.writeBeside(outcome.modelPath(), outcome.metricsPath());
    Console.out().println("plots: " + String.join(", ", plots.stream().map(p -> p.getFileName().toString()).toList()));
    return 0;
  }
}
