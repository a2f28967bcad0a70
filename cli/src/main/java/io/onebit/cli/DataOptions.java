package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.DatasetLoader;
import io.onebit.trainer.data.LoadOptions;
import io.onebit.trainer.data.LoadedData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which data a command reads and how (a picocli mixin of train, eval, qemu-test, build, data). A
 * trained model records its dataset and these settings in its info ({@link #KEY}), so
 * {@code eval --model m.json} and {@code qemu-test --model m.json} find the same test split without
 * repeating them; options given on the command line win.
 */
final class DataOptions {
  /** The deploy-model info key holding the data settings of {@code train}. */
  static final String KEY = "data";
  static final String DEFAULT_DATASET = "mnist";

  @Option(names = "--dataset", paramLabel = "NAME|PATH", description = "a catalogue dataset (mnist, fashion-mnist, digits,"
      + " breast-cancer, wine, sensor-motion, shapes-rgb) or a path: a folder of class folders of images (or train/ and"
      + " test/ of them), a CSV file, a .npz or .npy file, or a folder of IDX files; default: the model's, else mnist")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "a directory that already holds a catalogue dataset's files")
  Path dataDir;

  @Option(names = "--test-data", paramLabel = "PATH", description = "a separate test set (same format) for a dataset given by path")
  Path testData;

  @Option(names = "--input-size", paramLabel = "HxW", description = "bring every image to HxW: scale to cover, then crop the centre")
  String inputSize;

  @Option(names = "--input-shape", paramLabel = "HxWxC", description = "read each sample as this shape (e.g. 1x64x3 for a CSV row of 64 3-axis readings)")
  String inputShape;

  @Option(names = "--label-column", paramLabel = "NAME|INDEX", description = "a CSV's label column: header name or 0-based index (-1: last); default: label/class/target/y, else the last")
  String labelColumn;

  @Option(names = "--test-split", paramLabel = "F", description = "fraction held out for testing (stratified, seeded) when the data has no test split; default 0.2")
  Double testSplit;

  @Option(names = "--validation-split", paramLabel = "F", description = "fraction of the training data held out for validation; training reports it per epoch and the test split at the end")
  Double validationSplit;

  @Option(names = "--split-seed", paramLabel = "N", description = "seed of the splits; default 1")
  Long splitSeed;

  @Option(names = "--input-clip", paramLabel = "P", description = "fit the input map to the P-th..(100-P)-th percentile of each channel instead of min..max; default 0")
  Double inputClip;

  /** The dataset given, else the model's, else mnist. */
  String datasetFor(DeployModel model) {
    if (dataset != null) {
      return dataset;
    }
    Object recorded = model == null || model.info() == null ? null : model.info().get("dataset");
    return recorded instanceof String s ? s : DEFAULT_DATASET;
  }

  /** Loads the data for {@code model} (or for training when null), filling unset options from the model's record. */
  LoadedData load(DeployModel model) {
    // The loader reads 0 as "not given" (the default 0.2); typed on the command line it is out of range.
    if (testSplit != null && !(testSplit > 0 && testSplit < 1)) {
      throw new IllegalArgumentException("--test-split must be in (0, 1), got " + testSplit);
    }
    String name = datasetFor(model);
    // The model's recorded settings apply to the data it was trained on (named again or not).
    boolean same = model != null && model.info() != null && name.equals(model.info().get("dataset"));
    Map<?, ?> recorded = same && model.info().get(KEY) instanceof Map<?, ?> m ? m : Map.of();
    LoadOptions options = new LoadOptions(dataDir,
        testData != null ? testData : path(recorded.get("test_data")),
        LoadOptions.parseSize(inputSize != null ? inputSize : text(recorded.get("input_size"))),
        LoadOptions.parseShape(inputShape != null ? inputShape : text(recorded.get("input_shape"))),
        labelColumn != null ? labelColumn : text(recorded.get("label_column")),
        testSplit != null ? testSplit : number(recorded.get("test_split"), 0),
        validationSplit != null ? validationSplit : number(recorded.get("validation_split"), 0),
        splitSeed != null ? splitSeed : (long) number(recorded.get("split_seed"), 1),
        inputClip != null ? inputClip : number(recorded.get("input_clip"), 0));
    LoadedData data = DatasetLoader.load(name, options, Console::log);
    // An option typed for what this data does not do would be ignored: refused, as --test-data for a catalogue set.
    if (splitSeed != null && !data.heldOutTest() && data.validation() == null) {
      throw new IllegalArgumentException("--split-seed seeds the --test-split and --validation-split splits, and "
          + name + " is not split (it has its own test split; give --validation-split F)");
    }
    return data;
  }

  /** The settings to record in a trained model's info (only those given). */
  Map<String, Object> record() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (testData != null) {
      m.put("test_data", testData.toString());
    }
    if (inputSize != null) {
      m.put("input_size", inputSize);
    }
    if (inputShape != null) {
      m.put("input_shape", inputShape);
    }
    if (labelColumn != null) {
      m.put("label_column", labelColumn);
    }
    if (testSplit != null) {
      m.put("test_split", testSplit);
    }
    if (validationSplit != null) {
      m.put("validation_split", validationSplit);
    }
    if (splitSeed != null) {
      m.put("split_seed", splitSeed);
    }
    if (inputClip != null) {
      m.put("input_clip", inputClip);
    }
    return m;
  }

  /** The test split of the data, checked against what the model takes. */
  Dataset testFor(DeployModel model) {
    LoadedData data = load(model);
    requireCompatible(model, data.test(), data.source());
    return data.test();
  }

  /** Refuses data whose samples the model cannot take, naming both. */
  static void requireCompatible(DeployModel model, Dataset data, String source) {
    InputSpec in = model.input();
    if (!in.shape().equals(data.shape()) || in.type() != data.type()) {
      throw new IllegalArgumentException("model '" + model.name() + "' takes " + in.shape() + " " + in.type()
          + " samples, but " + source + " has " + data.shape() + " " + data.type());
    }
    if (data.classes() > model.classes()) {
      throw new IllegalArgumentException(source + " has " + data.classes() + " classes, model '" + model.name()
          + "' scores " + model.classes());
    }
  }

  private static Path path(Object o) {
    return o instanceof String s ? Path.of(s) : null;
  }

  private static String text(Object o) {
    return o instanceof String s ? s : null;
  }

  private static double number(Object o, double fallback) {
    return o instanceof Number n ? n.doubleValue() : fallback;
  }
}
