package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onebit eval}: runs the golden model on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Run the golden model (integer-exact, as the C) on the test set; report accuracy and agreement with the float network.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelPath;

  @Option(names = "--dataset", defaultValue = "mnist", description = "default ${DEFAULT-VALUE}")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeployModel model = DeployModelIo.read(modelPath);
    Dataset test = Datasets.load(dataset, "test", dataDir, Console::log);
    Evaluation.requireCompatible(model, modelPath.toString(), dataset, test);
    Evaluation e = Evaluation.of(model, dataset, test);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("samples", e.samples());
      out.put("correct", e.correct());
      out.put("accuracy", e.accuracy());
      out.put("float_agreement", e.agreement());
      Console.out().println(Json.mapper().writeValueAsString(out));
    } else {
      Console.out().printf("samples %d, golden-model accuracy %.2f%%, agreement with float network %s%n", e.samples(),
          100 * e.accuracy(), e.agreement() == null ? "n/a (model has no float predictions for this test set)"
              : String.format("%.2f%%", 100 * e.agreement()));
    }
    return 0;
  }
}
