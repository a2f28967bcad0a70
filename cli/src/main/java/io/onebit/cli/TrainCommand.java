package io.onebit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onebit train}: trains a binary network, folds it and writes the deploy model. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a binary network and write the folded deploy model and its per-epoch metrics"
        + " (loss, accuracies, flip-flop and change-to-initial ratios per layer).",
        "Default recipe: BinaryNet (STE sign with hard-tanh cancel, clipped latent weights, BatchNorm), Adam,"
        + " exponential learning-rate decay. --method two-stage is AdamBNN's recipe."})
final class TrainCommand implements Callable<Integer> {
  @Mixin
  TrainOptions options;

  @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist; default ${DEFAULT-VALUE}")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "a directory that already holds the IDX files")
  Path dataDir;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "deploy model to write (JSON)")
  Path out;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // Outputs first: a path that cannot be written must fail before minutes of training.
    OutputPaths.file(spec, "--out", out);
    TrainingRun.checkOutputs(out);
    OutputPaths.notAnInput("--out", out, options.archFile, "--arch-file");
    OutputPaths.notAnInput("--out", out, options.teacher, "--teacher");
    TrainingRun.Outcome outcome = TrainingRun.run(options.config(), dataset, dataDir, out,
        new ProgressListener(!noProgress));
    var epochs = outcome.result().epochs();
    var last = epochs.get(epochs.size() - 1);
    Console.out().printf("float test accuracy %.2f%%, %.1f s per epoch, last epoch FF %.2e, C2I %.3f; wrote %s and %s%n",
        100 * outcome.result().testAccuracy(), outcome.result().secondsPerEpoch(), last.ffRatio(), last.c2iRatio(),
        outcome.modelPath(), outcome.metricsPath());
    return 0;
  }
}
