package io.onebit.trainer.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Loads a split of a known dataset, fetching it first if need be. */
public final class Datasets {
  private Datasets() {}

  /**
   * Fetches (a cache hit costs only the checksums) and reads one split of a catalog dataset.
   *
   * @param name a {@link DatasetCatalog} name, e.g. {@code mnist}
   * @param split {@code "train"} or {@code "test"}
   * @param userDir a directory the user named, or null
   * @param log receives one line per fetch step
   */
  public static Dataset load(String name, String split, Path userDir, Consumer<String> log) {
    DatasetSpec spec = DatasetCatalog.get(name);
    spec.split(split); // a typo in the split should fail before any download
    Path dir = DatasetFetcher.withDefaultCache().fetch(spec, userDir, log);
    return read(spec, split, dir);
  }

  /**
   * Reads one split from {@code dir} and checks it against {@code spec}: counts, image shape and
   * label range. Checksums are the fetcher's job; these checks still name the file at fault when
   * a spec and its files disagree.
   */
  public static Dataset read(DatasetSpec spec, String split, Path dir) {
    SplitSpec expected = spec.split(split);
    Path imagesFile = locate(expected.images(), dir);
    Path labelsFile = locate(expected.labels(), dir);
    IdxImages images = IdxReader.readImages(imagesFile);
    byte[] labels = IdxReader.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new DataFormatException(labelsFile.toString(),
          labels.length + " labels, but " + imagesFile.getFileName() + " has " + images.count() + " images");
    }
    if (images.count() != expected.count()) {
      throw new DataFormatException(imagesFile.toString(),
          "expected " + expected.count() + " images in " + spec.name() + " " + split + ", found " + images.count());
    }
    if (images.rows() != spec.rows() || images.cols() != spec.cols()) {
      throw new DataFormatException(imagesFile.toString(), "expected images of " + spec.rows() + "x" + spec.cols()
          + " pixels, found " + images.rows() + "x" + images.cols());
    }
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= spec.classes()) {
        throw new DataFormatException(labelsFile.toString(),
            "label " + (labels[i] & 0xff) + " at index " + i + " is not one of the " + spec.classes() + " classes");
      }
    }
    return new Dataset(spec.name() + "/" + split, images.count(), images.rows(), images.cols(),
        images.pixels(), labels, spec.classes());
  }

  private static Path locate(DatasetFile file, Path dir) {
    return file.findIn(dir).orElseThrow(() -> new DataFormatException(
        dir.resolve(file.baseName()).toString(), "file not found (nor with " + DatasetFile.GZ + ")"));
  }
}
