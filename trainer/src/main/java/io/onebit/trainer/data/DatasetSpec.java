package io.onebit.trainer.data;

import java.util.List;

/**
 * Everything known in advance about a catalogue dataset: format, sample shape, class count, files
 * with checksums, and where to get them beyond the user's directory and the cache. Loading checks
 * the data against this, so a wrong file is caught at load time rather than as a mysteriously bad
 * accuracy later.
 *
 * @param format how the files hold the samples
 * @param rows sample height
 * @param cols sample width
 * @param channels sample channels
 * @param train the training split's IDX files ({@link Format#IDX} only, else null)
 * @param test the test split's IDX files ({@link Format#IDX} only, else null)
 * @param dataFiles the files of the other formats (null for IDX)
 * @param sources remote sources, tried in this order
 * @param description one line for {@code onebit data list}
 */
public record DatasetSpec(String name, Format format, int rows, int cols, int channels, int classes, SplitSpec train,
    SplitSpec test, List<DatasetFile> dataFiles, List<DatasetSource> sources, String description) {
  public static final String TRAIN = "train";
  public static final String TEST = "test";

  /** How a catalogue dataset's files hold it. */
  public enum Format {
    /** MNIST's four IDX files: train/test images and labels. */
    IDX,
    /**
     * scikit-learn's bundled CSV: a first line "n_samples,n_features,class names...", then one row per
     * sample, the label (a class index) last. No test split.
     */
    SKLEARN_CSV,
    /** One {@code .npz} with x_train, y_train, x_test, y_test and class_names ({@link ArrayDatasets}). */
    NPZ
  }

  public DatasetSpec {
    sources = List.copyOf(sources);
    dataFiles = dataFiles == null ? null : List.copyOf(dataFiles);
  }

  /** An MNIST-shaped IDX dataset: grey images, train and test splits. */
  public DatasetSpec(String name, int rows, int cols, int classes, SplitSpec train, SplitSpec test,
      List<DatasetSource> sources) {
    this(name, Format.IDX, rows, cols, 1, classes, train, test, null, sources, name);
  }

  /** The split named {@code "train"} or {@code "test"} of an IDX dataset. */
  public SplitSpec split(String split) {
    if (format != Format.IDX) {
      throw new IllegalArgumentException(name + " is not an IDX dataset");
    }
    if (TRAIN.equals(split)) {
      return train;
    }
    if (TEST.equals(split)) {
      return test;
    }
    throw new IllegalArgumentException("unknown split '" + split + "' (known: " + TRAIN + ", " + TEST + ")");
  }

  /** Whether the dataset comes with its own test split. */
  public boolean hasTestSplit() {
    return format != Format.SKLEARN_CSV;
  }

  /** All files: for IDX train before test, images before labels. */
  public List<DatasetFile> files() {
    return format == Format.IDX ? List.of(train.images(), train.labels(), test.images(), test.labels()) : dataFiles;
  }
}
