package io.onebit.report;

import io.onebit.codegen.ModelSummary;
import java.util.List;

/**
 * Everything the HTML report shows, gathered by {@code onebit report}.
 *
 * @param model the model's name
 * @param facts name/value lines about the model (dataset, input, accuracies, training settings)
 * @param summary the model summary, with the device columns of the first measured board
 * @param boards the model on each board (one row per board)
 * @param plots the charts, in page order
 * @param classNames per class index, its name
 * @param confusion the golden model's confusion matrix on the test set, or null
 * @param commands the commands that reproduce the model and this report
 * @param notes what is missing and why (e.g. no metrics file beside the model)
 */
public record ReportContent(String model, List<Fact> facts, ModelSummary summary, List<ModelSummary.Device> boards,
    List<Plot> plots, List<String> classNames, ConfusionMatrix confusion, List<String> commands, List<String> notes) {

  /** One line of the model's facts. */
  public record Fact(String name, String value) {}
}
