package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code onebit eval}: runs the golden model on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Run the golden model (integer-exact, as the C) on the test set; report accuracy, the confusion"
        + " table by class name, and agreement with the float network.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Mixin
  DataOptions data;

  @Option(names = "--json", description = "print one JSON object (with the class names and the confusion matrix)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeployModel model = DeployModelIo.read(modelPath);
    String dataset = data.datasetFor(model);
    Dataset test = data.testFor(model);
    Evaluation e = Evaluation.of(model, dataset, test);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dataset", dataset);
      out.put("samples", e.samples());
      out.put("correct", e.correct());
      out.put("accuracy", e.accuracy());
      out.put("float_agreement", e.agreement());
      List<String> names = new ArrayList<>();
      for (int c = 0; c < model.classes(); c++) {
        names.add(model.className(c));
      }
      out.put("class_names", names);
      out.put("confusion", e.confusion());
      Console.out().println(Json.mapper().writeValueAsString(out));
    } else {
      Console.out().printf("samples %d, golden-model accuracy %.2f%%, agreement with float network %s%n", e.samples(),
          100 * e.accuracy(), e.agreement() == null ? "n/a (model has no float predictions for this test set)"
              : String.format("%.2f%%", 100 * e.agreement()));
      ConfusionTable.print(model, e.confusion(), Console.out());
    }
    return 0;
  }
}
