package io.onebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.BoundedFiles;
import io.onebit.model.Json;
import io.onebit.model.TensorShape;
import io.onebit.report.Plot;
import io.onebit.report.Plots;
import io.onebit.report.ReportException;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.DatasetCatalog;
import io.onebit.trainer.data.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment grid's accuracy against model size, from the raw results {@code onebit experiment}
 * writes ({@code NAME.results.json}: the config and one entry per trained cell). The size of a cell
 * is its architecture's binary weights on the grid's dataset; each run of the grid is a series.
 */
final class ExperimentPlot {
  private ExperimentPlot() {}

  /**
   * The chart of one results file.
   *
   * @throws ReportException one line naming the file and what is wrong
   */
  static Plot of(Path results) {
    JsonNode root;
    byte[] bytes;
    try { // bounded: /dev/zero must not fill the heap
      bytes = BoundedFiles.read(results, BoundedFiles.MODEL_LIMIT);
    } catch (IOException e) {
      throw new ReportException(results + ": " + e.getMessage());
    }
    try {
      root = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new ReportException(results + ": not a results file (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.path("results").isArray() || !root.path("config").path("dataset").isTextual()) {
      throw new ReportException(results + ": expected {\"config\": {\"dataset\": ...}, \"results\": [...]}"
          + " as onebit experiment writes it");
    }
    DatasetSpec dataset;
    try {
      dataset = DatasetCatalog.get(root.path("config").path("dataset").asText());
    } catch (IllegalArgumentException e) {
      throw new ReportException(results + ": " + e.getMessage());
    }
    List<Plots.GridPoint> points = new ArrayList<>();
    for (JsonNode r : root.path("results")) {
      String arch = r.path("architecture").asText();
      points.add(new Plots.GridPoint(r.path("run").asText("run"), binaryWeights(results, arch, dataset),
          r.path("test_accuracy").asDouble()));
    }
    if (points.isEmpty()) {
      throw new ReportException(results + ": no finished runs");
    }
    String name = results.getFileName().toString().replace(".results.json", "");
    return Plots.accuracyVsSize(points, "Test accuracy against model size: " + name);
  }

  /** Writes the chart beside the results: {@code NAME.accuracy-vs-size.png}. */
  static Path writeBeside(Path results) throws IOException {
    Plot plot = of(results);
    String name = results.getFileName().toString().replace(".results.json", "");
    Path file = results.resolveSibling(name + ".accuracy-vs-size.png");
    io.onebit.model.AtomicFiles.write(file, plot.png());
    return file;
  }

  private static long binaryWeights(Path results, String arch, DatasetSpec dataset) {
    try {
      Path file = results.resolveSibling(arch);
      Architecture a = Files.isRegularFile(file) ? Architecture.fromFile(file) : Architecture.named(arch);
      return a.binaryWeights(new TensorShape(dataset.rows(), dataset.cols(), 1), dataset.classes());
    } catch (IllegalArgumentException e) {
      throw new ReportException(results + ": architecture '" + arch + "': " + e.getMessage());
    }
  }
}
