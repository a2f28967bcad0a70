package io.onebit.cli;

import io.onebit.codegen.Boards;
import io.onebit.codegen.ModelView;
import io.onebit.model.AtomicFiles;
import io.onebit.model.CNames;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DeployInputs;
import io.onebit.trainer.data.LoadedData;
import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.distill.Teacher;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.net.InputEncoding;
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
  /**
   * @param testAccuracy the golden model's accuracy on the test split when training monitored a
   *     validation split (else null: the training result's test accuracy is on the test split)
   */
  record Outcome(DeployModel model, TrainingResult result, Path modelPath, Path metricsPath, Double testAccuracy) {}

  private TrainingRun() {}

  static Outcome run(TrainConfig config, DataOptions dataOptions, Path out, TrainingListener listener)
      throws IOException {
    return run(config, dataOptions, out, listener, Checkpoints.none(), null);
  }

  /**
   * Loads the data the options name, checks everything that can be wrong before training, trains
   * (checkpointing and resuming as {@code checkpoints} says), folds, and writes the model with its
   * metrics. {@code command} (the command line that trains this model, or null) goes into the
   * model's info.
   */
  static Outcome run(TrainConfig config, DataOptions dataOptions, Path out, TrainingListener listener,
      Checkpoints checkpoints, String command) throws IOException {
    LoadedData data = dataOptions.load(null);
    Dataset train = data.train();
    checkBeforeWork(config, train, data);
    TrainConfig adapted = withoutShiftOnVectors(config, train);
    Dataset monitor = data.validation() != null ? data.validation() : data.test();
    Map<String, Object> info = new LinkedHashMap<>();
    Map<String, Object> recorded = dataOptions.record();
    if (!recorded.isEmpty()) {
      info.put(DataOptions.KEY, recorded);
    }
    if (command != null) {
      info.put("command", command);
    }
    Outcome outcome = run(adapted, data.source(), train, monitor, out, listener, checkpoints, data.map(), info,
        data.validation() == null);
    if (data.validation() == null) {
      return outcome;
    }
    // Trained and monitored on the validation split: the test split is reported last, by the golden model.
    Evaluation test = Evaluation.of(outcome.model(), data.source(), data.test());
    return new Outcome(outcome.model(), outcome.result(), outcome.modelPath(), outcome.metricsPath(), test.accuracy());
  }

  /**
   * Everything that can be known wrong before training: the architecture against the samples'
   * shape and the JVM's memory, the teacher against the data, the batch against the training set, and whether the C
   * runtime can hold the folded model at all (a random model of the same shape goes through
   * codegen's checks).
   */
  static void checkBeforeWork(TrainConfig config, Dataset train, LoadedData data) {
    Architecture arch = config.architecture();
    TensorShape input = train.shape();
    // Before any array is allocated: every layer fits one Java array, a batch fits the heap.
    arch.requireTrainable(input, train.classes(), config.batchSize(), Runtime.getRuntime().maxMemory());
    if (config.distillation() != null) {
      String teacher = Distillation.TEACHER.option() + " " + config.settings().get(Distillation.TEACHER) + ": ";
      try {
        Teacher.requireCompatible(config.distillation().teacher(), train.shape(), train.classes());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(teacher + e.getMessage(), e);
      }
      // The teacher runs on the trainer's bytes, which are the raw samples only for uint8 data without a map.
      if (data.map() != null || train.type() != SampleType.UINT8) {
        throw new IllegalArgumentException(teacher + "distillation needs uint8 data read as it is; " + data.source()
            + " has " + train.shape() + " " + train.type() + (data.map() != null ? " mapped to 8 bits" : ""));
      }
    }
    if (data.validation() == null && config.settings().isSet(Trainer.EARLY_STOP)) {
      throw new IllegalArgumentException(Trainer.EARLY_STOP.option() + " needs a validation split (--validation-split F)");
    }
    if (config.batchSize() > train.count()) {
      throw new IllegalArgumentException(Trainer.BATCH_SIZE.option() + " " + config.batchSize() + " is larger than the "
          + train.count() + " training samples of " + data.source());
    }
    checkDeployable(arch, input, train.classes());
  }

  /** Refuses an architecture whose folded model the C runtime cannot hold, before any training. */
  static void checkDeployable(Architecture arch, TensorShape input, int classes) {
    DeployModel shape = RandomDeployModels.of(arch, input.height(), input.width(), input.channels(), classes, 1);
    try {
      ModelView.of(shape, Boards.load(Boards.DEFAULT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(arch.name() + " cannot be deployed: " + e.getMessage(), e);
    }
  }

  /**
   * Shift augmentation moves an image by a pixel; a vector (1 x 1 x F) or a time series (1 x T x C)
   * shifted along its single row would lose the whole sample, so it is off for them by default, and
   * refused when asked for.
   */
  static TrainConfig withoutShiftOnVectors(TrainConfig c, Dataset train) {
    return withoutShiftOnVectors(c, train, true);
  }

  /** As {@link #withoutShiftOnVectors(TrainConfig, Dataset)}, saying so on stderr when {@code log}. */
  static TrainConfig withoutShiftOnVectors(TrainConfig c, Dataset train, boolean log) {
    if (c.augmentShift() == 0 || train.rows() > 1 && train.cols() > 1) {
      return c;
    }
    if (c.settings().isSet(ShiftAugmentation.MAX_SHIFT)) {
      throw new IllegalArgumentException(ShiftAugmentation.MAX_SHIFT.option() + " shifts images; samples of "
          + train.shape() + " are not images");
    }
    if (log) {
      Console.log("shift augmentation off: samples of " + train.shape() + " are not images");
    }
    return c.with(ShiftAugmentation.MAX_SHIFT, 0);
  }

  private static Outcome run(TrainConfig config, String datasetName, Dataset train, Dataset monitor, Path out,
      TrainingListener listener, Checkpoints checkpoints, InputMap map, Map<String, Object> extraInfo,
      boolean monitorIsTest) throws IOException {
    TrainingResult result = Trainer.train(config, train, monitor, Trainer.Options.defaults().withListener(listener)
        .withCheckpoints(checkpoints).withValidation(!monitorIsTest));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("architecture", config.architecture().name());
    info.put("dataset", datasetName);
    info.putAll(extraInfo);
    info.put("epochs", config.epochs());
    info.put("seed", config.seed());
    info.put("method", config.method().name());
    info.put("hyperparameters", given(config));
    if (config.distillation() != null) {
      info.put("teacher", config.distillation().teacher().name());
    }
    info.put(monitorIsTest ? "float_test_accuracy" : "float_validation_accuracy", result.testAccuracy());
    if (monitorIsTest) {
      info.put("float_test_predictions", FloatPredictions.encode(result.testPredictions()));
    }
    String name = CNames.identifier(config.architecture().name() + "_" + shortName(datasetName));
    int threshold = config.get(InputEncoding.THRESHOLD);
    InputSpec input = DeployInputs.of(config.architecture().bitplanes(), threshold, train.withMap(map));
    DeployModel model = Fold.toDeployModel(result.network(), name, info).with(input, train.classNames());
    Path metrics = metricsPath(out);
    // Both files or neither. Timings (seconds per epoch) live in the metrics only, so the same seed
    // gives the same model bytes.
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(out, DeployModelIo.toJson(model));
    files.put(metrics, Json.mapper().writeValueAsBytes(result.epochs()));
    AtomicFiles.writeAll(files);
    return new Outcome(model, result, out, metrics, null);
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

  /** A catalogue name as it is; a path by its last element (a model name must be a C identifier). */
  private static String shortName(String dataset) {
    Path p = Path.of(dataset);
    String last = p.getFileName() == null ? dataset : p.getFileName().toString();
    int dot = last.lastIndexOf('.');
    return dot > 0 ? last.substring(0, dot) : last;
  }

  /** Checks the files a run writes beside {@code --out} (its metrics and checkpoint) before any work. */
  static void checkOutputs(Path out) {
    Path metrics = metricsPath(out);
    OutputPaths.file("metrics file " + metrics + " (beside --out): ", metrics);
    Path checkpoint = checkpointPath(out);
    OutputPaths.file("checkpoint file " + checkpoint + " (beside --out): ", checkpoint);
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
