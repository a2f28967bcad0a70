package io.onebit.trainer.data;

import io.onebit.model.TensorShape;
import java.nio.file.Path;

/**
 * How to read a dataset given by name or path ({@link DatasetLoader}).
 *
 * @param dataDir a directory holding a catalogue dataset's files (or null)
 * @param testData a separate test file or folder for a path dataset (or null)
 * @param inputSize images brought to height x width ({@link ImageResize}), or null: all the same size
 * @param inputShape each sample re-read as this shape (same element count), or null
 * @param labelColumn a CSV's label column, by name or 0-based index (null: label/class/target/y, else the last)
 * @param testSplit fraction held out for testing when the data has no test split (0: the default, 0.2)
 * @param validationSplit fraction of the training split held out for validation (0: none)
 * @param splitSeed seed of both splits
 * @param inputClip percent clipped at each end of every channel when fitting the input map
 */
public record LoadOptions(Path dataDir, Path testData, int[] inputSize, TensorShape inputShape, String labelColumn,
    double testSplit, double validationSplit, long splitSeed, double inputClip) {
  /** The test fraction used when the data has no test split and none is given. */
  public static final double DEFAULT_TEST_SPLIT = 0.2;

  /** Defaults: no resize or reshape, default label column, 20% test split if needed, no validation, seed 1. */
  public static LoadOptions defaults() {
    return new LoadOptions(null, null, null, null, null, 0, 0, 1, 0);
  }

  public LoadOptions withDataDir(Path dir) {
    return new LoadOptions(dir, testData, inputSize, inputShape, labelColumn, testSplit, validationSplit, splitSeed,
        inputClip);
  }

  /** Checks the ranges, with messages naming the options. */
  public LoadOptions validated() {
    if (testSplit != 0 && !(testSplit > 0 && testSplit < 1)) {
      throw new IllegalArgumentException("--test-split must be in (0, 1), got " + testSplit);
    }
    if (validationSplit != 0 && !(validationSplit > 0 && validationSplit < 1)) {
      throw new IllegalArgumentException("--validation-split must be in (0, 1), got " + validationSplit);
    }
    if (!(inputClip >= 0 && inputClip < 50)) {
      throw new IllegalArgumentException("--input-clip must be in [0, 50) percent, got " + inputClip);
    }
    return this;
  }

  /** Parses {@code HxW} (e.g. {@code 32x32}). */
  public static int[] parseSize(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 2 || !parts[0].matches("\\d{1,4}") || !parts[1].matches("\\d{1,4}")
        || Integer.parseInt(parts[0]) == 0 || Integer.parseInt(parts[1]) == 0) {
      throw new IllegalArgumentException("--input-size must be HxW with positive sizes, e.g. 32x32; got '" + text + "'");
    }
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  /** Parses {@code HxWxC} (e.g. {@code 1x64x3}). */
  public static TensorShape parseShape(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 3 || !java.util.Arrays.stream(parts).allMatch(p -> p.matches("\\d{1,6}") && Integer.parseInt(p) > 0)) {
      throw new IllegalArgumentException("--input-shape must be HxWxC with positive sizes, e.g. 1x64x3; got '" + text + "'");
    }
    return new TensorShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }
}
