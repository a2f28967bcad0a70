package io.onebit.cli;

import io.onebit.codegen.Boards;
import io.onebit.codegen.ModelView;
import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.Json;
import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DatasetCatalog;
import io.onebit.trainer.data.DatasetSpec;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.distill.Teacher;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.train.Checkpoints;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Train, fold, and write the deploy model and its metrics: shared by {@code train} and {@code quickstart}. */
final class TrainingRun {
  record Outcome(DeployModel model, TrainingResult result, Path modelPath, Path metricsPath) {}

  private TrainingRun() {}

  static Outcome run(TrainConfig config, String datasetName, Path dataDir, Path out, TrainingListener listener)
      throws IOException {
    return run(config, datasetName, dataDir, out, listener, Checkpoints.none(), null);
  }

  /**
   * As above, checkpointing (and resuming) as {@code checkpoints} says; {@code command} (the
   * command line that trains this model, or null) goes into the model's info.
   */
  static Outcome run(TrainConfig config, String datasetName, Path dataDir, Path out, TrainingListener listener,
      Checkpoints checkpoints, String command) throws IOException {
    DatasetSpec spec = DatasetCatalog.get(datasetName);
    checkBeforeWork(config, spec);
    Dataset train = Datasets.load(datasetName, "train", dataDir, Console::log);
    Dataset test = Datasets.load(datasetName, "test", dataDir, Console::log);
    return run(config, datasetName, train, test, out, listener, checkpoints, command);
  }

  /**
   * Everything that can be known wrong before any download or training: the architecture against
   * the image size, the teacher against the images and classes, the batch against the training
   * set, and whether the C runtime can hold the folded model at all (a random model of the same
   * shape goes through codegen's checks).
   */
  static void checkBeforeWork(TrainConfig config, DatasetSpec spec) {
    Architecture arch = config.architecture();
    TensorShape input = new TensorShape(spec.rows(), spec.cols(), 1);
    arch.binaryWeights(input, spec.classes());
    if (config.distillation() != null) {
      Teacher.requireCompatible(config.distillation().teacher(), spec.rows(), spec.cols(), spec.classes());
    }
    int samples = spec.train().count();
    if (config.batchSize() > samples) {
      throw new IllegalArgumentException(Trainer.BATCH_SIZE.option() + " " + config.batchSize() + " is larger than the "
          + samples + " training samples of " + spec.name());
    }
    DeployModel shape = RandomDeployModels.of(arch, input.height(), input.width(), input.channels(), spec.classes(), 1);
    try {
      ModelView.of(shape, Boards.load(Boards.DEFAULT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(arch.name() + " cannot be deployed: " + e.getMessage(), e);
    }
  }

  /** As above with the datasets already loaded (the experiment grid loads them once). */
  static Outcome run(TrainConfig config, String datasetName, Dataset train, Dataset test, Path out,
      TrainingListener listener, Checkpoints checkpoints, String command) throws IOException {
    TrainingResult result = Trainer.train(config, train, test, listener, checkpoints);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("architecture", config.architecture().name());
    info.put("dataset", datasetName);
    info.put("epochs", config.epochs());
    info.put("seed", config.seed());
    info.put("method", config.method().name());
    info.put("hyperparameters", given(config));
    if (config.distillation() != null) {
      info.put("teacher", config.distillation().teacher().name());
    }
    info.put("float_test_accuracy", result.testAccuracy());
    if (command != null) {
      info.put("command", command);
    }
    info.put("float_test_predictions", FloatPredictions.encode(result.testPredictions()));
    String name = CIdentifiers.modelName(config.architecture().name() + "_" + datasetName);
    DeployModel model = Fold.toDeployModel(result.network(), name, info);
    DeployModelIo.write(out, model);
    Path metrics = metricsPath(out);
    AtomicFiles.write(metrics, Json.mapper().writeValueAsBytes(result.epochs()));
    return new Outcome(model, result, out, metrics);
  }

  /** The hyperparameters the run set, by their config key (what reproduces it beside the defaults). */
  private static Map<String, Object> given(TrainConfig config) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Hyperparameter<?> h : config.settings().given()) {
      Object v = config.settings().get(h);
      out.put(h.configKey(), v instanceof Path || v instanceof java.time.Duration ? v.toString() : v);
    }
    return out;
  }

  /** model.json → model.metrics.json */
  static Path metricsPath(Path model) {
    return sibling(model, ".metrics.json");
  }

  /** model.json → model.checkpoint */
  static Path checkpointPath(Path model) {
    return sibling(model, ".checkpoint");
  }

  private static Path sibling(Path model, String suffix) {
    String file = model.getFileName().toString();
    String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    return model.resolveSibling(stem + suffix);
  }
}
