package io.onebit.cli;

import io.onebit.codegen.BenchReport;
import io.onebit.codegen.BenchRunner;
import io.onebit.codegen.Boards;
import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onebit bench}: instructions per inference, per layer, flash and RAM of a model's firmware
 * on QEMU, with the optimised and the reference kernels in one run; with {@code --all-boards} on
 * every emulated board, and with {@code --markdown FILE} the table of docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Instructions per inference (total and per layer), flash and RAM on QEMU (-icount shift=0), optimised vs reference kernels.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE|random:ARCH",
      description = "a deploy model from onebit train, or random:tfc|sfc|lfc|cnn-ref; repeat for several models")
  List<String> models;

  @Option(names = "--board", defaultValue = Boards.DEFAULT, description = "default ${DEFAULT-VALUE}")
  String boardName;

  @Option(names = "--all-boards", description = "every board with a QEMU machine")
  boolean allBoards;

  @Option(names = "--samples", defaultValue = "4", description = "random samples timed per build; default ${DEFAULT-VALUE}")
  int samples;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "where to generate and build (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--json", description = "print the reports as JSON (and no progress bar)")
  boolean json;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Option(names = "--markdown", paramLabel = "FILE", description = "write the Markdown tables to FILE (e.g. docs/benchmarks.md)")
  Path markdown;

  @Override
  public Integer call() throws Exception {
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, not " + samples);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-bench-");
    List<BenchReport> reports = new ArrayList<>();
    List<DeployModel> loaded = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String spec : models) {
      DeployModel model = BenchModels.load(spec);
      loaded.add(model);
      labels.add(spec.startsWith(BenchModels.RANDOM) ? spec : model.name() + " (" + Path.of(spec).getFileName() + ")");
    }
    StringBuilder md = new StringBuilder(BenchMarkdown.header(labels, samples));
    boolean ok = true;
    for (int m = 0; m < loaded.size(); m++) {
      DeployModel model = loaded.get(m);
      byte[][] inputs = inputs(model);
      EmulatedBoardSweep.Job<BenchReport> job = board -> {
        BenchReport r = BenchRunner.run(model, board, inputs, work.resolve(model.name()).resolve(board.name()));
        Console.log(String.format("%s on %s: %.0f instructions per inference (reference %.0f)", model.name(),
            board.name(), r.optimised().instructionsPerInference(), r.reference().instructionsPerInference()));
        return r;
      };
      List<EmulatedBoardSweep.Outcome<BenchReport>> rows = allBoards
          ? EmulatedBoardSweep.run(job, "bench " + model.name() + " (" + (m + 1) + "/" + loaded.size() + ")", !json && !noProgress)
          : List.of(EmulatedBoardSweep.Outcome.of(boardName, job.run(Boards.load(boardName))));
      md.append(BenchTable.markdown(labels.get(m), rows));
      for (EmulatedBoardSweep.Outcome<BenchReport> row : rows) {
        if (row.result() != null) {
          reports.add(row.result());
          ok &= row.result().bitExact();
          if (!json) {
            BenchTable.print(row.result(), Console.out());
          }
        } else {
          ok &= row.error() == null;
        }
      }
    }
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(reports));
    }
    if (markdown != null) {
      AtomicFiles.writeString(markdown, md.toString());
      Console.log("wrote " + markdown);
    }
    return ok ? 0 : 1;
  }

  /** Random samples (a dense BNN runs the same instructions whatever its input; the column kernels follow the density of 1 bits). */
  private byte[][] inputs(DeployModel model) {
    Random random = new Random(samples);
    byte[][] inputs = new byte[samples][];
    for (int i = 0; i < samples; i++) {
      inputs[i] = RandomModels.sample(model.input(), random);
    }
    return inputs;
  }
}
