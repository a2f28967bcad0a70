package io.onebit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code onebit train}: trains a binary network, folds it and writes the deploy model. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a binary network and write the folded deploy model and its per-epoch metrics"
        + " (loss, accuracies, flip-flop and change-to-initial ratios per layer).",
        "Default recipe: BinaryNet (STE sign with hard-tanh cancel, clipped latent weights, BatchNorm), Adam,"
        + " exponential learning-rate decay. --method two-stage is AdamBNN's recipe."})
final class TrainCommand implements Callable<Integer> {
  @Mixin
  TrainOptions options;

  @Mixin
  DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "deploy model to write (JSON)")
  Path out;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    TrainingRun.Outcome outcome = TrainingRun.run(options.config(), data, out, new ProgressListener(!noProgress));
    var epochs = outcome.result().epochs();
    var last = epochs.get(epochs.size() - 1);
    String accuracy = outcome.testAccuracy() == null
        ? String.format("float test accuracy %.2f%%", 100 * outcome.result().testAccuracy())
        : String.format("float validation accuracy %.2f%%, golden-model test accuracy %.2f%%",
            100 * outcome.result().testAccuracy(), 100 * outcome.testAccuracy());
    Console.out().printf("%s, %.1f s per epoch, last epoch FF %.2e, C2I %.3f; wrote %s and %s%n", accuracy,
        outcome.result().secondsPerEpoch(), last.ffRatio(), last.c2iRatio(), outcome.modelPath(), outcome.metricsPath());
    return 0;
  }
}
