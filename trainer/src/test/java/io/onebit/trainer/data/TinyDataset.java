package io.onebit.trainer.data;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset shaped like MNIST but a few bytes large (6 train and 4 test images of 4x3, 5
 * classes), with a spec whose checksums match, for tests of loading and fetching.
 */
final class TinyDataset {
  static final int ROWS = 4;
  static final int COLS = 3;
  static final int CLASSES = 5;
  static final int TRAIN = 6;
  static final int TEST = 4;

  /** Raw content by base name, in {@link DatasetSpec#files()} order. */
  static final Map<String, byte[]> CONTENT = content();

  private TinyDataset() {}

  static DatasetSpec spec(List<DatasetSource> sources) {
    return new DatasetSpec("tiny", ROWS, COLS, CLASSES,
        new SplitSpec(TRAIN, file("train-images-idx3-ubyte"), file("train-labels-idx1-ubyte")),
        new SplitSpec(TEST, file("t10k-images-idx3-ubyte"), file("t10k-labels-idx1-ubyte")),
        sources);
  }

  /** Writes all four files into {@code dir}, gzipped (with .gz) or raw. */
  static void writeTo(Path dir, boolean gzip) throws IOException {
    for (Map.Entry<String, byte[]> e : CONTENT.entrySet()) {
      write(dir, e.getKey(), gzip);
    }
  }

  static Path write(Path dir, String baseName, boolean gzip) throws IOException {
    byte[] raw = CONTENT.get(baseName);
    Path file = dir.resolve(baseName + (gzip ? ".gz" : ""));
    AtomicFiles.write(file, gzip ? IdxFixtures.gzip(raw) : raw);
    return file;
  }

  private static DatasetFile file(String baseName) {
    return new DatasetFile(baseName, IdxReader.sha256(CONTENT.get(baseName)));
  }

  private static Map<String, byte[]> content() {
    Map<String, byte[]> content = new LinkedHashMap<>();
    content.put("train-images-idx3-ubyte", IdxFixtures.images(TRAIN, ROWS, COLS, 1));
    content.put("train-labels-idx1-ubyte", IdxFixtures.labels(TRAIN, CLASSES, 1));
    content.put("t10k-images-idx3-ubyte", IdxFixtures.images(TEST, ROWS, COLS, 2));
    content.put("t10k-labels-idx1-ubyte", IdxFixtures.labels(TEST, CLASSES, 2));
    return content;
  }
}
