package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DeployInputs;
import io.onebit.trainer.data.LoadedData;
import io.onebit.trainer.distill.Teacher;
import io.onebit.trainer.fold.ConvFold;
import io.onebit.trainer.fold.Fold;
import io.onebit.trainer.train.ConvTrainingResult;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Training;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import io.onebit.trainer.train.TrainingSummary;
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
  record Outcome(DeployModel model, TrainingSummary result, Path modelPath, Path metricsPath, Double testAccuracy) {}

  private TrainingRun() {}

  static Outcome run(TrainConfig config, DataOptions dataOptions, Path out, TrainingListener listener)
      throws IOException {
    LoadedData data = dataOptions.load(null);
    Dataset train = data.train();
    // Checks the architecture against the data's shape before any training.
    config.architecture().binaryWeights(train.shape(), train.classes());
    if (config.distillation() != null) {
      Teacher.requireCompatible(config.distillation().teacher(), train.rows(), train.cols(), train.classes());
      // The teacher is run on the trainer's bytes, which are the raw samples only for uint8 data without a map.
      if (data.map() != null || train.type() != io.onebit.model.SampleType.UINT8
          || !config.distillation().teacher().input().shape().equals(train.shape())) {
        throw new IllegalArgumentException("--teacher needs uint8 data read as it is, of the teacher's input shape "
            + config.distillation().teacher().input().shape() + "; " + data.source() + " has " + train.shape() + " "
            + train.type() + (data.map() != null ? " mapped to 8 bits" : ""));
      }
    }
    if (config.batchSize() > train.count()) {
      throw new IllegalArgumentException("--batch-size " + config.batchSize() + " is more than the " + train.count()
          + " training samples of " + data.source());
    }
    TrainConfig adapted = withoutShiftOnVectors(config, train);
    Dataset monitor = data.validation() != null ? data.validation() : data.test();
    Map<String, Object> info = new LinkedHashMap<>();
    Map<String, Object> recorded = dataOptions.record();
    if (!recorded.isEmpty()) {
      info.put(DataOptions.KEY, recorded);
    }
    Outcome outcome = run(adapted, data.source(), train, monitor, out, listener, data.map(), info,
        data.validation() == null);
    if (data.validation() == null) {
      return outcome;
    }
    // Trained and stopped on the validation split: the test split is reported last, by the golden model.
    Evaluation test = Evaluation.of(outcome.model(), data.source(), data.test());
    return new Outcome(outcome.model(), outcome.result(), outcome.modelPath(), outcome.metricsPath(), test.accuracy());
  }

  /** As above with the datasets already loaded (the experiment grid loads a catalogue set once). */
  static Outcome run(TrainConfig config, String datasetName, Dataset train, Dataset test, Path out,
      TrainingListener listener) throws IOException {
    return run(config, datasetName, train, test, out, listener, train.map(), new LinkedHashMap<>(), true);
  }

  private static Outcome run(TrainConfig config, String datasetName, Dataset train, Dataset monitor, Path out,
      TrainingListener listener, InputMap map, Map<String, Object> extraInfo, boolean monitorIsTest)
      throws IOException {
    TrainingSummary result = Training.train(config, train, monitor, listener);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("architecture", config.architecture().name());
    info.put("dataset", datasetName);
    info.putAll(extraInfo);
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
    info.put(monitorIsTest ? "float_test_accuracy" : "float_validation_accuracy", result.testAccuracy());
    info.put("seconds_per_epoch", result.secondsPerEpoch());
    if (monitorIsTest) {
      info.put("float_test_predictions", FloatPredictions.encode(result.testPredictions()));
    }
    String name = CIdentifiers.modelName(config.architecture().name() + "_" + shortName(datasetName));
    InputSpec input = DeployInputs.of(config.architecture().bitplanes(), config.inputThreshold(), train.withMap(map));
    DeployModel model = fold(result, name, input, info).with(input, train.classNames());
    DeployModelIo.write(out, model);
    Path metrics = metricsPath(out);
    AtomicFiles.write(metrics, Json.mapper().writeValueAsBytes(result.epochs()));
    return new Outcome(model, result, out, metrics, null);
  }

  /** A catalogue name as it is; a path by its last element (a model name must be a C identifier). */
  private static String shortName(String dataset) {
    Path p = Path.of(dataset);
    String last = p.getFileName() == null ? dataset : p.getFileName().toString();
    int dot = last.lastIndexOf('.');
    return dot > 0 ? last.substring(0, dot) : last;
  }

  /**
   * Shift augmentation moves an image by a pixel; a vector (1 x 1 x F) or a time series (1 x T x C)
   * shifted along its single row would lose the whole sample, so it is turned off for them.
   */
  private static TrainConfig withoutShiftOnVectors(TrainConfig c, Dataset train) {
    if (c.augmentShift() == 0 || train.rows() > 1 && train.cols() > 1) {
      return c;
    }
    Console.log("shift augmentation off: samples of " + train.shape() + " are not images");
    return new TrainConfig(c.architecture(), c.epochs(), c.batchSize(), c.schedule(), c.seed(), c.inputThreshold(), 0,
        c.statisticsSamples(), c.recipe(), c.augmentProbability(), c.distillation());
  }

  /** The deploy model of an MLP ({@link Fold}) or a CNN ({@link ConvFold}). */
  private static DeployModel fold(TrainingSummary result, String name, InputSpec input, Map<String, Object> info) {
    if (result instanceof ConvTrainingResult cnn) {
      return ConvFold.toDeployModel(cnn.network(), name, input, info);
    }
    return Fold.toDeployModel(((TrainingResult) result).network(), name, input, info);
  }

  /** model.json → model.metrics.json */
  static Path metricsPath(Path model) {
    String file = model.getFileName().toString();
    String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    return model.resolveSibling(stem + ".metrics.json");
  }
}
