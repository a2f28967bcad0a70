package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.ModelSummary;
import io.onebit.model.AtomicDirectories;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.report.ClassNames;
import io.onebit.report.ConfusionMatrix;
import io.onebit.report.HtmlReport;
import io.onebit.report.Plot;
import io.onebit.report.Plots;
import io.onebit.report.ReportContent;
import io.onebit.report.ReportFiles;
import io.onebit.report.TrainingHistory;
import io.onebit.trainer.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit report}: one self-contained HTML page (plots inlined, no script, nothing fetched)
 * with the model summary, the model on each board, every plot, the class names and the commands
 * that reproduce the model; the plots also as PNG files beside it. The directory is written all or
 * nothing.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write an HTML report (DIR/index.html, self-contained) and every plot as PNG: model summary,"
        + " boards, training curves, flip ratios per layer, confusion matrix, instructions per layer per board,"
        + " experiment grids, class names, and the commands that reproduce the model."})
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE|random:ARCH")
  String modelSpec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write (index.html and PNGs)")
  Path out;

  @Option(names = "--board", paramLabel = "BOARD", completionCandidates = BoardNames.class,
      description = "boards to measure on (repeat); default mps2-an386")
  List<String> boardNames;

  @Option(names = "--all-boards", description = "measure on every board with a QEMU machine")
  boolean allBoards;

  @Option(names = "--metrics", paramLabel = "FILE", description = "training metrics; default: MODEL.metrics.json beside the model")
  Path metrics;

  @Option(names = "--experiment", paramLabel = "FILE", description = "an experiment's NAME.results.json to plot (repeat)")
  List<Path> experiments;

  /** The confusion matrix's test set, read as eval reads it: the model's own dataset and split unless named. */
  @picocli.CommandLine.Mixin
  DataOptions data;

  @Option(names = "--samples", paramLabel = "N", description = "test samples for the confusion matrix; default: all")
  Integer samples;

  @Option(names = "--bench-samples", defaultValue = "4", paramLabel = "N",
      description = "random samples timed per board on QEMU; default ${DEFAULT-VALUE}")
  int benchSamples;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "where to build firmware (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--force", description = "replace DIR if it exists and is not empty")
  boolean force;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    DeployModel model = BenchModels.load(modelSpec);
    List<Board> boards = boards();
    Path metricsFile = metricsFile();
    // Inputs are checked before any long work: the output directory, metrics and results files, the test set.
    OutputDirectories.requireWritable(spec, "--out", out, force);
    if (workDir != null) {
      OutputPaths.directory(spec, "--work-dir", workDir);
    }
    List<String> notes = new ArrayList<>();
    List<Plot> plots = new ArrayList<>();
    if (metricsFile != null) {
      plots.addAll(TrainingPlots.of(TrainingHistory.read(metricsFile)));
    } else {
      notes.add("No training metrics beside the model (" + modelSpec + "): loss, accuracy and flip-ratio plots are"
          + " left out; pass --metrics FILE.");
    }
    List<Plot> experimentPlots = new ArrayList<>();
    for (Path results : experiments == null ? List.<Path>of() : experiments) {
      experimentPlots.add(renamed(ExperimentPlot.of(results), "experiment-" + TrainingPlots.stem(results).replace(".results", "")));
    }
    ConfusionMatrix confusion = confusion(model, notes);
    if (confusion != null) {
      plots.add(Plots.confusion(confusion, ClassNames.of(model)));
    }

    Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-report-");
    List<ModelSummary> perBoard = new ArrayList<>();
    try (Progress bar = Progress.start("report boards", boards.size(), !noProgress)) {
      for (Board board : boards) {
        bar.message(board.name());
        perBoard.add(SummaryCommand.summarise(model, board, benchSamples, work.resolve(board.name())));
        bar.step();
      }
    }
    Map<String, List<Plots.Segment>> segments = new LinkedHashMap<>();
    for (ModelSummary s : perBoard) {
      if (s.encodeInstructions() != null) {
        List<Plots.Segment> list = new ArrayList<>(List.of(new Plots.Segment("encode", s.encodeInstructions())));
        s.layers().forEach(r -> list.add(new Plots.Segment(r.index() + " " + r.type(), r.instructions())));
        segments.put(s.device().board(), list);
      }
    }
    if (!segments.isEmpty()) {
      plots.add(Plots.instructionsPerLayer(segments));
    }
    plots.addAll(experimentPlots);
    // The summary table shows the default board's instructions when it was measured, else the first measured board's.
    ModelSummary summary = perBoard.stream().filter(s -> s.encodeInstructions() != null)
        .min(java.util.Comparator.comparing(s -> !s.device().board().equals(Boards.DEFAULT)))
        .orElse(perBoard.isEmpty() ? ModelSummary.of(model, null, null, null) : perBoard.get(0));

    ReportContent content = new ReportContent(model.name(), facts(model, confusion), summary,
        perBoard.stream().map(ModelSummary::device).toList(), List.copyOf(plots), ClassNames.of(model), confusion,
        commands(model), List.copyOf(notes));
    String html = HtmlReport.render(content);
    AtomicDirectories.write(out, force, dir -> ReportFiles.write(dir, html, plots));
    Console.out().printf("wrote %s (%d plots as PNG beside it)%n", out.resolve("index.html"), plots.size());
    return 0;
  }

  private List<Board> boards() {
    if (allBoards) {
      return EmulatedBoardSweep.emulatedBoards();
    }
    return (boardNames == null ? List.of(Boards.DEFAULT) : boardNames).stream().map(Boards::load).toList();
  }

  private Path metricsFile() {
    if (metrics != null) {
      if (!Files.exists(metrics)) {
        throw new IllegalArgumentException("--metrics " + metrics + ": no such file");
      }
      if (!Files.isRegularFile(metrics)) {
        throw new IllegalArgumentException("--metrics " + metrics + ": not a regular file (a directory, device, pipe"
            + " or socket)");
      }
      return metrics;
    }
    if (modelSpec.startsWith(BenchModels.RANDOM)) {
      return null;
    }
    Path beside = TrainingRun.metricsPath(Path.of(modelSpec));
    return Files.isRegularFile(beside) ? beside : null;
  }

  private static Plot renamed(Plot p, String name) {
    return new Plot(name, p.title(), p.png());
  }

  /** The golden model's confusion matrix on the test set, or null (with a note) when the test set does not fit the model. */
  private ConfusionMatrix confusion(DeployModel model, List<String> notes) {
    String name = data.datasetFor(model);
    Dataset test = data.load(model).test();
    if (!test.shape().equals(model.input().shape()) || test.type() != model.input().type()
        || test.classes() != model.classes()) {
      if (data.dataset != null) {
        throw new IllegalArgumentException("model '" + model.name() + "' takes " + model.input().shape() + " "
            + model.input().type() + " samples of " + model.classes() + " classes, but " + name + " has "
            + test.shape() + " " + test.type() + " samples of " + test.classes());
      }
      notes.add("The " + name + " test set does not match the model's input or classes: no confusion matrix.");
      return null;
    }
    int n = samples == null ? test.count() : Math.min(samples, test.count());
    if (n < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, not " + samples);
    }
    GoldenModel golden = new GoldenModel(model);
    int[] predicted = new int[n];
    int[] labels = new int[n];
    // Stateless per call: the samples run on all cores.
    IntStream.range(0, n).parallel().forEach(i -> predicted[i] = golden.infer(test.sample(i)).predictedClass());
    for (int i = 0; i < n; i++) {
      labels[i] = test.label(i);
    }
    return ConfusionMatrix.of(predicted, labels, model.classes());
  }

  private static String modelDataset(DeployModel model) {
    return model.info() != null && model.info().get("dataset") instanceof String d ? d : "mnist";
  }

  private List<ReportContent.Fact> facts(DeployModel model, ConfusionMatrix confusion) {
    Map<String, Object> info = model.info() == null ? Map.of() : model.info();
    List<ReportContent.Fact> facts = new ArrayList<>();
    facts.add(new ReportContent.Fact("model file", modelSpec));
    facts.add(new ReportContent.Fact("input", model.input().shape() + " bytes, " + model.input().encoding()
        + (model.input().isBitplanes() ? " (8-bit first layer)" : " at " + model.input().threshold())));
    facts.add(new ReportContent.Fact("classes", String.valueOf(model.classes())));
    for (String key : List.of("architecture", "dataset", "epochs", "seed", "method", "optimizer", "quantizer", "teacher")) {
      if (info.get(key) != null) {
        facts.add(new ReportContent.Fact(key, String.valueOf(info.get(key))));
      }
    }
    if (info.get("float_test_accuracy") instanceof Number a) {
      facts.add(new ReportContent.Fact("float network test accuracy", String.format(Locale.ROOT, "%.2f %%",
          100 * a.doubleValue())));
    }
    if (confusion != null) {
      facts.add(new ReportContent.Fact("golden model accuracy", String.format(Locale.ROOT, "%.2f %% on %,d test samples",
          100 * confusion.accuracy(), confusion.total())));
    }
    facts.add(new ReportContent.Fact("binary weights", String.format(Locale.ROOT, "%,d", model.binaryParameters())));
    return facts;
  }

  /** The train command (as recorded in the model, else rebuilt from its info), then the checks and this report. */
  private List<String> commands(DeployModel model) {
    Map<String, Object> info = model.info() == null ? Map.of() : model.info();
    List<String> commands = new ArrayList<>();
    String file = modelSpec.startsWith(BenchModels.RANDOM) ? null : modelSpec;
    if (info.get("command") instanceof String recorded) {
      commands.add(recorded);
    } else if (info.get("architecture") != null && file != null) {
      StringBuilder train = new StringBuilder("onebit train --arch " + info.get("architecture"));
      for (String key : List.of("dataset", "epochs", "seed", "method", "optimizer", "quantizer")) {
        if (info.get(key) != null) {
          train.append(" --").append(key).append(' ').append(info.get(key));
        }
      }
      commands.add(train.append(" --out ").append(file)
          .append("   # rebuilt from the model's info: options left at their defaults are not recorded").toString());
    }
    String data = modelDataset(model);
    if (file != null) {
      commands.add("onebit eval --model " + file + " --dataset " + data);
      commands.add("onebit qemu-test --model " + file + " --board " + Boards.DEFAULT + " --samples 1000 --dataset " + data);
    }
    commands.add("onebit summary --model " + modelSpec + " --board " + Boards.DEFAULT);
    commands.add(CommandLines.of("onebit", spec.commandLine().getParseResult().originalArgs()));
    return commands;
  }
}
