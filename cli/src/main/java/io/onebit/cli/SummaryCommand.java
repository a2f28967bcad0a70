package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.ModelSummary;
import io.onebit.model.DeployModel;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit summary}: Larq's model summary plus the device columns (see {@link ModelSummary});
 * with {@code --board}, the model built for the board and, where it has a QEMU machine,
 * instructions per layer measured with the board's kernels.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = {"Per layer: shapes, 1-bit and integer parameters, flash, activation RAM, MACs and XOR words;"
        + " totals and memory against float32 and int8 networks of the same shapes.",
        "With --board: the model built for the board, instructions per layer on QEMU (-icount shift=0) and the fit"
        + " against the board's flash and RAM."})
final class SummaryCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE|random:ARCH",
      description = "a deploy model, or random:ARCH (random weights of a shipped architecture)")
  String modelSpec;

  @Option(names = "--board", paramLabel = "BOARD", completionCandidates = BoardNames.class,
      description = "measure on this board: ${COMPLETION-CANDIDATES}")
  String boardName;

  @Option(names = "--samples", defaultValue = "4", description = "random samples timed on QEMU; default ${DEFAULT-VALUE}")
  int samples;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "where to build (default: a new temporary directory)")
  Path workDir;

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "print the summary as one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, not " + samples);
    }
    if (workDir != null) {
      OutputPaths.directory(spec, "--work-dir", workDir);
    }
    DeployModel model = BenchModels.load(modelSpec);
    Board board = boardName == null ? null : Boards.load(boardName);
    ModelSummary summary = summarise(model, board, samples, workDir);
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(summary));
    } else {
      SummaryTable.print(summary, Console.out());
    }
    return 0;
  }

  /** The summary, with the board measured when one is given; a model that does not fit gets the fit check's line. */
  static ModelSummary summarise(DeployModel model, Board board, int samples, Path workDir) throws java.io.IOException {
    if (board == null) {
      return ModelSummary.of(model, null, null, null);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-summary-");
    try {
      return ModelSummary.of(model, board, ModelSummary.measure(model, board, randomSamples(model, samples), work), null);
    } catch (DoesNotFitException e) {
      return ModelSummary.of(model, board, null, "does not fit: " + e.getMessage());
    }
  }

  /** Random samples, as {@code onebit bench} times (a dense network runs the same instructions on any input). */
  static byte[][] randomSamples(DeployModel model, int count) {
    Random random = new Random(count);
    byte[][] inputs = new byte[count][];
    for (int i = 0; i < count; i++) {
      inputs[i] = RandomModels.sample(model.input(), random);
    }
    return inputs;
  }
}
