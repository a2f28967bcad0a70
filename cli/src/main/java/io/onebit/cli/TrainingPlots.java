package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import io.onebit.report.Plot;
import io.onebit.report.Plots;
import io.onebit.report.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training charts of a metrics file: loss, train and test accuracy, and the flip-flop and
 * change-to-initial ratios per layer, per epoch. {@code onebit train} writes them beside the model
 * ({@code m.json} gets {@code m.loss.png}, {@code m.accuracy.png}, {@code m.ff-ratio.png},
 * {@code m.c2i-ratio.png}); {@code onebit report} puts them on its page.
 */
final class TrainingPlots {
  private TrainingPlots() {}

  static List<Plot> of(TrainingHistory history) {
    return List.of(Plots.loss(history), Plots.accuracy(history), Plots.flipRatios(history, true),
        Plots.flipRatios(history, false));
  }

  /** Writes the charts of {@code metrics} beside {@code model}; returns the files written. */
  static List<Path> writeBeside(Path model, Path metrics) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Plot p : of(TrainingHistory.read(metrics))) {
      Path file = model.resolveSibling(stem(model) + "." + p.fileName());
      AtomicFiles.write(file, p.png());
      written.add(file);
    }
    return written;
  }

  /** m.json → m */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
