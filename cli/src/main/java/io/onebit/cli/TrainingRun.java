package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.model.TensorShape;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DatasetCatalog;
import io.onebit.trainer.data.DatasetSpec;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.distill.Teacher;
import io.onebit.trainer.fold.ConvFold;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.ConvTrainingResult;
import io.onebit.trainer.train.Training;
import io.onebit.trainer.train.TrainingSummary;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Train, fold, and write the deploy model and its metrics: shared by {@code train} and {@code quickstart}. */
final class TrainingRun {
  record Outcome(DeployModel model, TrainingSummary result, Path modelPath, Path metricsPath) {}

  private TrainingRun() {}

  static Outcome run(TrainConfig config, String datasetName, Path dataDir, Path out, TrainingListener listener)
      throws IOException {
    DatasetSpec spec = DatasetCatalog.get(datasetName);
    // Checks the architecture against the dataset's image size before any download or work.
    // and that this JVM can hold the network's weights and a batch's activations (a lower bound).
    config.architecture().requireTrainable(new TensorShape(spec.rows(), spec.cols(), 1), spec.classes(),
        config.batchSize(), Runtime.getRuntime().maxMemory());
    if (config.distillation() != null) {
      Teacher.requireCompatible(config.distillation().teacher(), spec.rows(), spec.cols(), spec.classes());
    }
    Dataset train = Datasets.load(datasetName, "train", dataDir, Console::log);
    Dataset test = Datasets.load(datasetName, "test", dataDir, Console::log);
    return run(config, datasetName, train, test, out, listener);
  }

  /** As above with the datasets already loaded (the experiment grid loads them once). */
  static Outcome run(TrainConfig config, String datasetName, Dataset train, Dataset test, Path out,
      TrainingListener listener) throws IOException {
    TrainingSummary result = Training.train(config, train, test, listener);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("architecture", config.architecture().name());
    info.put("dataset", datasetName);
    info.put("epochs", config.epochs());
    info.put("seed", config.seed());
    info.put("method", config.recipe().method());
    info.put("optimizer", config.recipe().optimizer());
    info.put("quantizer", config.recipe().quantizer());
    if (config.distillation() != null) {
      info.put("teacher", config.distillation().teacher().name());
      info.put("distill_weight", config.distillation().weight());
      info.put("distill_temperature", config.distillation().temperature());
    }
    info.put("float_test_accuracy", result.testAccuracy());
    info.put("float_test_predictions", FloatPredictions.encode(result.testPredictions()));
    String name = CIdentifiers.modelName(config.architecture().name() + "_" + datasetName);
    DeployModel model = fold(result, name, train, info);
    Path metrics = metricsPath(out);
    // Both files or neither. Timings (seconds per epoch) live in the metrics only, so the same seed
    // gives the same model bytes.
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(out, DeployModelIo.toJson(model));
    files.put(metrics, Json.mapper().writeValueAsBytes(result.epochs()));
    AtomicFiles.writeAll(files);
    return new Outcome(model, result, out, metrics);
  }

  /** The deploy model of an MLP ({@link Fold}) or a CNN ({@link ConvFold}). */
  private static DeployModel fold(TrainingSummary result, String name, Dataset train, Map<String, Object> info) {
    int threshold = result.config().inputThreshold();
    if (result instanceof ConvTrainingResult cnn) {
      return ConvFold.toDeployModel(cnn.network(), name, ConvFold.inputSpec(cnn.network(), threshold), info);
    }
    InputSpec input = InputSpec.thresholded(train.rows(), train.cols(), 1, threshold);
    return Fold.toDeployModel(((TrainingResult) result).network(), name, input, info);
  }

  /** Checks the files a run writes beside {@code --out} (its metrics) before any work. */
  static void checkOutputs(Path out) {
    Path metrics = metricsPath(out);
    OutputPaths.file("metrics file " + metrics + " (beside --out): ", metrics);
  }

  /** model.json → model.metrics.json */
  static Path metricsPath(Path model) {
    String file = model.getFileName().toString();
    String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    return model.resolveSibling(stem + ".metrics.json");
  }
}
