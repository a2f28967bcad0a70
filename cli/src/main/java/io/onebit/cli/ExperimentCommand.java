package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.experiment.ExperimentConfig;
import io.onebit.trainer.experiment.ExperimentRunner;
import io.onebit.trainer.experiment.ResultsTable;
import io.onebit.trainer.experiment.RunResult;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit experiment}: trains every cell of a grid (architectures × runs × seeds) and writes
 * a markdown results table and the raw results (JSON), both rewritten atomically after each run,
 * so an interrupted grid leaves the results of the runs that finished.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run a grid of training runs from a JSON config and write a markdown results table plus raw JSON.")
final class ExperimentCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "experiment config (JSON)")
  Path config;

  @Option(names = "--out", paramLabel = "FILE",
      description = "markdown table to write (raw results beside it as NAME.results.json); default: the config's name with .md")
  Path out;

  @Option(names = "--title", description = "table heading; default: the config's file name")
  String title;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "a directory that already holds the IDX files")
  Path dataDir;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExperimentConfig grid = ExperimentConfig.read(config);
    Path table = out != null ? out : sibling(config, ".md");
    Path raw = sibling(table, ".results.json");
    if (table.toAbsolutePath().normalize().equals(config.toAbsolutePath().normalize())
        || raw.toAbsolutePath().normalize().equals(config.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("--out " + table + " would overwrite the config");
    }
    // Both outputs are checked before the datasets load and the first run trains.
    if (out != null) {
      OutputPaths.file(spec, "--out", out);
    } else {
      OutputPaths.file("results table " + table + ": ", table);
    }
    OutputPaths.file("raw results " + raw + " (beside the table): ", raw);
    String heading = title != null ? title : config.getFileName().toString();
    // Any dataset by name or path, with its fitted input map (the catalogue's MNIST sets have none).
    io.onebit.trainer.data.LoadedData data = io.onebit.trainer.data.DatasetLoader.load(grid.dataset(),
        io.onebit.trainer.data.LoadOptions.defaults().withDataDir(dataDir), Console::log);
    Dataset train = data.train();
    Dataset test = data.test();
    // Every cell against the data before the first one trains (as train does for its one run): the architecture
    // against the samples and the heap, the teacher, the batch against the training set, deployability.
    for (ExperimentConfig.ArchitectureEntry a : grid.architectures()) {
      for (ExperimentConfig.Run run : grid.runs()) {
        try {
          TrainConfig cell = grid.trainConfig(a, run, grid.seeds().get(0));
          TrainingRun.checkBeforeWork(cell, train, data);
          TrainingRun.withoutShiftOnVectors(cell, train, false);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(config + ": run '" + run.name() + "' on " + a.name() + ": "
              + e.getMessage(), e);
        }
      }
    }
    int total = grid.cells().size();
    int[] done = {0};
    List<RunResult> results;
    // One bar over the grid's cells (its ETA is the grid's); inside a cell, the epoch shows as its message.
    try (Progress bar = Progress.start("grid", total, !noProgress)) {
      TrainingListener epochs = new TrainingListener() {
        @Override
        public void epochStarted(int epoch, int count, int batches) {
          bar.message(String.format(Locale.ROOT, "run %d: epoch %d/%d", done[0] + 1, epoch + 1, count));
        }
      };
      if (train.rows() == 1 || train.cols() == 1) {
        Console.log("shift augmentation off: samples of " + train.shape() + " are not images");
      }
      results = ExperimentRunner.run(grid, train, test, epochs, (cell, r, soFar) -> {
        done[0]++;
        bar.step();
        Console.log(String.format(Locale.ROOT, "[%d/%d] %s %s seed %d: test %.2f%%, %.0f s, FF %.2e, C2I %.3f", done[0],
            total, r.architecture(), r.run(), r.seed(), 100 * r.testAccuracy(), r.seconds(), r.meanFfRatio(),
            r.finalC2iRatio()));
        write(grid, heading, table, raw, soFar);
      }, c -> TrainingRun.withoutShiftOnVectors(c, train, false));
    }
    // The plot comes last: the grid's results are already written, and a plot that cannot be drawn must not lose them.
    String plot;
    try {
      plot = " and " + ExperimentPlot.writeBeside(raw);
    } catch (RuntimeException e) {
      Console.log("no accuracy-vs-size plot: " + e.getMessage());
      plot = "";
    }
    Console.out().printf("%d runs; wrote %s, %s%s%n", results.size(), table, raw, plot);
    return 0;
  }

  private static void write(ExperimentConfig grid, String heading, Path table, Path raw, List<RunResult> results)
      throws java.io.IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", grid);
    json.put("results", results);
    Map<Path, byte[]> files = new LinkedHashMap<>(); // both or neither
    files.put(raw, Json.mapper().writeValueAsBytes(json));
    files.put(table, ResultsTable.markdown(heading, results).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    AtomicFiles.writeAll(files);
  }

  /** dir/name.json → dir/name + ext */
  static Path sibling(Path file, String ext) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(stem + ext);
  }
}
