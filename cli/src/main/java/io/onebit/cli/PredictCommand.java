package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.GoldenModel;
import io.onebit.model.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onebit predict}: classifies files with the golden model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify images (files or folders of them), CSV rows or .npy/.npz samples with the golden model"
        + " (the integers the device computes) and print each input's class name and scores.",
        "Images are brought to the model's size (scale to cover, crop the centre); numbers become the model's raw"
            + " integers with its fraction bits, saturated."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "images (PNG, JPEG, BMP, GIF, PGM/PPM) or folders of"
      + " them (a class folder's name is shown as the label), CSV files, .npy or .npz")
  List<Path> files;

  @Option(names = "--label-column", paramLabel = "NAME|INDEX", description = "a CSV's label column, shown beside the prediction")
  String labelColumn;

  @Option(names = "--json", description = "print a JSON list: input, class, class_index, scores by class name (and label)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeployModel model = DeployModelIo.read(modelPath);
    GoldenModel golden = new GoldenModel(model);
    // Read every input first: a bad file fails the command before anything is printed.
    List<PredictInputs.Sample> samples = new ArrayList<>();
    for (Path file : files) {
      samples.addAll(PredictInputs.read(file, model.input(), labelColumn));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (PredictInputs.Sample s : samples) {
      GoldenModel.Result r = golden.inferRaw(s.raw());
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("input", s.name());
        o.put("class", model.className(r.predictedClass()));
        o.put("class_index", r.predictedClass());
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (int c = 0; c < r.scores().length; c++) {
          scores.put(model.className(c), r.scores()[c]);
        }
        o.put("scores", scores);
        if (s.label() != null) {
          o.put("label", s.label());
        }
        results.add(o);
      } else {
        StringBuilder line = new StringBuilder(s.name()).append(": ").append(model.className(r.predictedClass()));
        if (s.label() != null) {
          line.append(" (label ").append(s.label()).append(")");
        }
        line.append("  scores");
        for (int c = 0; c < r.scores().length; c++) {
          line.append(' ').append(model.className(c)).append('=').append(r.scores()[c]);
        }
        Console.out().println(line);
      }
    }
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(results));
    }
    return 0;
  }
}
