package io.onebit.trainer.data;

import java.util.List;

/**
 * Everything known in advance about a dataset: shape, counts, files with checksums, and where to
 * get it beyond the user's directory and the cache. Loading checks the data against this, so a
 * wrong file is caught at load time rather than as a mysteriously bad accuracy later.
 *
 * @param sources remote sources, tried in this order
 */
public record DatasetSpec(
    String name, int rows, int cols, int classes, SplitSpec train, SplitSpec test, List<DatasetSource> sources) {
  public static final String TRAIN = "train";
  public static final String TEST = "test";

  public DatasetSpec {
    sources = List.copyOf(sources);
  }

  /** The split named {@code "train"} or {@code "test"}. */
  public SplitSpec split(String split) {
    if (TRAIN.equals(split)) {
      return train;
    }
    if (TEST.equals(split)) {
      return test;
    }
    throw new IllegalArgumentException("unknown split '" + split + "' (known: " + TRAIN + ", " + TEST + ")");
  }

  /** All four files, train before test, images before labels. */
  public List<DatasetFile> files() {
    return List.of(train.images(), train.labels(), test.images(), test.labels());
  }
}
