package io.onebit.trainer.data;

import io.onebit.model.InputMap;
import io.onebit.model.TensorShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads {@code --dataset}: a catalogue name ({@link DatasetCatalog}) or a path, recognised by content
 * rather than by name where content can tell:
 *
 * <ul>
 *   <li>a directory of class folders (or train/ and test/ of class folders): images ({@link ImageFolder});
 *   <li>a directory holding IDX files (by their magic number): samples and labels of any shape, split by
 *       names containing train and test/t10k ({@link IdxArrays});
 *   <li>a directory holding train.* and test.* files (CSV, .npy pairs are not enough: use .npz): that pair;
 *   <li>a file starting with \x93NUMPY: {@code .npy} samples (labels in a sibling file named with
 *       {@code y} for {@code x}, e.g. x.npy and y.npy); a zip: {@code .npz}; an IDX magic: IDX; else CSV.
 * </ul>
 *
 * Without a test split, {@code testSplit} (default 0.2) of the data is held out, stratified and seeded
 * ({@link Splits}); {@code validationSplit} is then held out of the training part. Finally the input
 * map to 8 bits is fitted on the training part ({@link InputFit}) and given to every split.
 */
public final class DatasetLoader {
  private DatasetLoader() {}

  public static LoadedData load(String dataset, LoadOptions options, Consumer<String> log) {
    options.validated();
    Dataset[] sets = read(dataset, options, log);
    Dataset train = sets[0];
    Dataset test = sets[1];
    boolean heldOut = test == null;
    if (heldOut) {
      double f = options.testSplit() > 0 ? options.testSplit() : LoadOptions.DEFAULT_TEST_SPLIT;
      if (options.testSplit() == 0) {
        log.accept(dataset + " has no test split: holding out " + Math.round(100 * f)
            + "% (stratified, seed " + options.splitSeed() + "); --test-split F to change");
      }
      Splits.Parts parts = Splits.stratified(train, f, options.splitSeed(), "test");
      train = parts.kept().named("train");
      test = parts.heldOut();
    } else if (options.testSplit() > 0) {
      throw new IllegalArgumentException("--test-split: " + dataset + " has its own test split");
    }
    Dataset validation = null;
    if (options.validationSplit() > 0) {
      Splits.Parts parts = Splits.stratified(train, options.validationSplit(), options.splitSeed() + 1, "validation");
      train = parts.kept();
      validation = parts.heldOut();
    }
    int[] counts = train.classCounts();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 0) {
        throw new DataFormatException(dataset, "class '" + train.classNames().get(c) + "' has no training samples");
      }
    }
    InputMap map = InputFit.fit(train, options.inputClip());
    train = train.withMap(map);
    test = test.withMap(map);
    validation = validation == null ? null : validation.withMap(map);
    return new LoadedData(dataset, train, validation, test, map, heldOut);
  }

  /** Whether {@code dataset} names a catalogue dataset rather than a path. */
  public static boolean isCatalogName(String dataset) {
    return DatasetCatalog.names().contains(dataset);
  }

  /** {train, test or null}, without splitting or map. */
  static Dataset[] read(String dataset, LoadOptions options, Consumer<String> log) {
    if (isCatalogName(dataset)) {
      if (options.testData() != null) {
        throw new IllegalArgumentException("--test-data is for datasets given by path, not " + dataset);
      }
      DatasetSpec spec = DatasetCatalog.get(dataset);
      notImages(options, dataset);
      notCsv(options, "the catalogue's " + dataset);
      Path dir = DatasetFetcher.withDefaultCache().fetch(spec, options.dataDir(), log);
      return CatalogData.read(spec, dir, options.inputShape());
    }
    Path path = Path.of(dataset);
    if (!Files.exists(path)) {
      throw new DataFormatException(dataset, "no such file or directory, and not a catalogue dataset (known: "
          + String.join(", ", DatasetCatalog.names()) + ")");
    }
    Dataset[] sets = readPath(path, options, log, false);
    if (options.testData() != null) {
      if (sets[1] != null) {
        throw new IllegalArgumentException("--test-data: " + dataset + " has its own test split");
      }
      Dataset[] test = readPath(options.testData(), options, log, true);
      sets = new Dataset[] {sets[0], align(test[0], sets[0], options.testData().toString())};
    }
    return sets;
  }

  /** @param test whether the file is a test set (which may hold a single class) */
  private static Dataset[] readPath(Path path, LoadOptions options, Consumer<String> log, boolean test) {
    if (Files.isDirectory(path)) {
      return readDirectory(path, options, log);
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) { // /dev/zero would be read until the heap is gone
      throw new DataFormatException(path.toString(), "not a regular file or folder (a device, pipe or socket)");
    }
    byte[] head = head(path);
    String file = path.toString();
    if (!isImage(head)) {
      notImages(options, file);
    }
    if (NpyArray.isNpy(head)) {
      notCsv(options, file);
      NpyArray x = ArrayDatasets.readNpy(path);
      Path labels = labelsBeside(path);
      return ArrayDatasets.build(file, x, ArrayDatasets.readNpy(labels), null, null, null, options.inputShape(),
          path.getFileName().toString());
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      notCsv(options, file);
      return ArrayDatasets.fromNpz(path, options.inputShape());
    }
    if (isImage(head)) {
      throw new DataFormatException(file, "a single image is not a dataset: give the folder of class folders");
    }
    byte[] content = IdxReader.isGzip(head) ? headOf(IdxReader.content(path)) : head;
    if (IdxArrays.isIdx(content)) {
      throw new DataFormatException(file, "an IDX file alone: give the directory holding the samples and labels files");
    }
    return csv(path, options, test);
  }

  private static Dataset[] readDirectory(Path dir, LoadOptions options, Consumer<String> log) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataFormatException(dir.toString(), "cannot list: " + Failures.describe(e));
    }
    List<Path> idx = new ArrayList<>();
    for (Path f : files) {
      byte[] head = head(f);
      if (IdxArrays.isIdx(IdxReader.isGzip(head) ? headOf(IdxReader.content(f)) : head)) {
        idx.add(f);
      }
    }
    if (!idx.isEmpty()) {
      notImages(options, dir.toString());
      notCsv(options, dir.toString());
      return idxDirectory(dir, idx, options);
    }
    Path train = named(files, "train");
    Path test = named(files, "test");
    if (train != null && test != null && !ImageFiles.isImageName(train)) {
      Dataset[] a = readPath(train, options, log, false);
      Dataset[] b = readPath(test, options, log, true);
      return new Dataset[] {a[0].named("train"), align(b[0], a[0], test.toString())};
    }
    if (ImageFolder.looksLike(dir)) {
      if (options.inputShape() != null) {
        throw new IllegalArgumentException("--input-shape is for arrays and CSV rows; " + dir
            + " holds images (--input-size HxW resizes them)");
      }
      notCsv(options, dir.toString());
      return ImageFolder.read(dir, options.inputSize(), log);
    }
    throw new DataFormatException(dir.toString(), "not a dataset: expected class folders of images (or train/ and"
        + " test/ of them), IDX files, or train.* and test.* files (CSV, .npz)");
  }

  /** --label-column names a column of a CSV file given by path; elsewhere the labels are fixed (it was ignored). */
  private static void notCsv(LoadOptions options, String what) {
    if (options.labelColumn() != null) {
      throw new IllegalArgumentException("--label-column names a column of a CSV file given by path; " + what
          + " is not one");
    }
  }

  /** --input-size resizes images; other data has no pixels to resize. */
  private static void notImages(LoadOptions options, String what) {
    if (options.inputSize() != null) {
      throw new IllegalArgumentException("--input-size resizes images, and " + what + " is not a folder of images"
          + " (--input-shape HxWxC re-reads arrays and CSV rows)");
    }
  }

  /** Re-indexes {@code test}'s labels by {@code train}'s class names; a class train lacks is an error. */
  private static Dataset align(Dataset test, Dataset train, String file) {
    if (!test.shape().equals(train.shape())) {
      throw new DataFormatException(file, "samples of " + test.shape() + ", but the training samples are " + train.shape());
    }
    byte[] labels = new byte[test.count()];
    for (int i = 0; i < labels.length; i++) {
      String name = test.classNames().get(test.label(i));
      int k = train.classNames().indexOf(name);
      if (k < 0) {
        throw new DataFormatException(file, "class '" + name + "' (sample " + i + ") is not among the training classes");
      }
      labels[i] = (byte) k;
    }
    RawSamples raw = test.raw();
    int[] trainBits = train.fractionBits();
    int[] testBits = test.fractionBits();
    if (!java.util.Arrays.equals(trainBits, testBits) || raw.type() != train.type()) {
      // Converted separately, so bring the test values to the training data's type and scale.
      raw = rescale(test, train, file);
    }
    return new Dataset("test", test.count(), train.shape(), raw, labels, train.classNames(), trainBits, null);
  }

  private static RawSamples rescale(Dataset test, Dataset train, String file) {
    int channels = train.channels();
    RawSamples out = RawSamples.allocate(train.type(), test.raw().length());
    for (int i = 0; i < out.length(); i++) {
      int c = i % channels;
      int from = test.fractionBits() == null ? 0 : test.fractionBits()[c];
      int to = train.fractionBits() == null ? 0 : train.fractionBits()[c];
      double value = Math.scalb((double) test.raw().get(i), -from);
      out.set(i, train.type().saturate(RawConversion.toRaw(value, to)));
    }
    return out;
  }

  private static Dataset[] idxDirectory(Path dir, List<Path> idx, LoadOptions options) {
    List<Path> train = idx.stream().filter(p -> lower(p).contains("train")).toList();
    List<Path> test = idx.stream().filter(p -> lower(p).contains("test") || lower(p).contains("t10k")).toList();
    if (train.size() == 2 && test.size() == 2) {
      NpyArray[] tr = samplesAndLabels(train);
      NpyArray[] te = samplesAndLabels(test);
      return ArrayDatasets.build(dir.toString(), tr[0], tr[1], te[0], te[1], null, options.inputShape(),
          dir.getFileName().toString());
    }
    if (idx.size() == 2) {
      NpyArray[] all = samplesAndLabels(idx);
      return ArrayDatasets.build(dir.toString(), all[0], all[1], null, null, null, options.inputShape(),
          dir.getFileName().toString());
    }
    throw new DataFormatException(dir.toString(), idx.size() + " IDX files; expected 2 (samples and labels) or 4"
        + " (with 'train' and 'test' or 't10k' in their names)");
  }

  /** Of two IDX files, the 1-dimensional one is the labels. */
  private static NpyArray[] samplesAndLabels(List<Path> pair) {
    NpyArray a = IdxArrays.read(pair.get(0));
    NpyArray b = IdxArrays.read(pair.get(1));
    if (a.shape().length == 1 && b.shape().length > 1) {
      return new NpyArray[] {b, a};
    }
    if (b.shape().length == 1 && a.shape().length > 1) {
      return new NpyArray[] {a, b};
    }
    throw new DataFormatException(pair.get(0).getParent().toString(), "cannot tell samples from labels in "
        + pair.get(0).getFileName() + " and " + pair.get(1).getFileName() + " (labels are the 1-dimensional file)");
  }

  private static Dataset[] csv(Path path, LoadOptions options, boolean test) {
    CsvTable table = CsvTable.read(path, options.labelColumn(), false);
    ClassLabels labels = ClassLabels.of(path.toString(), table.labels(), test ? 1 : 2);
    int features = table.columns();
    TensorShape shape = options.inputShape() != null ? options.inputShape() : new TensorShape(1, 1, features);
    if (shape.elements() != features) {
      throw new DataFormatException(path.toString(), "--input-shape " + shape + " has " + shape.elements()
          + " elements, but a row has " + features + " features");
    }
    RawConversion.Result raw = RawConversion.convert(path.toString(), i -> table.features()[i], table.features().length,
        shape.channels(), i -> "row " + table.rowNumbers()[i / features] + ", column '" + table.featureNames().get(i % features) + "'");
    Dataset all = new Dataset(path.getFileName().toString(), table.rows(), shape, raw.raw(), labels.indices(),
        labels.names(), raw.fractionBits(), null);
    return new Dataset[] {all, null};
  }

  private static Path labelsBeside(Path x) {
    String name = x.getFileName().toString();
    int at = name.lastIndexOf('x');
    if (at < 0) {
      throw new DataFormatException(x.toString(), "a .npy of samples needs its labels beside it, in a file named like"
          + " it with y for x (x.npy and y.npy), or use an .npz");
    }
    Path y = x.resolveSibling(name.substring(0, at) + "y" + name.substring(at + 1));
    if (!Files.isRegularFile(y)) {
      throw new DataFormatException(x.toString(), "no labels file " + y.getFileName() + " beside it");
    }
    return y;
  }

  private static Path named(List<Path> files, String stem) {
    return files.stream().filter(p -> {
      String n = lower(p);
      return n.startsWith(stem + ".");
    }).findFirst().orElse(null);
  }

  private static String lower(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isImage(byte[] h) {
    return h.length >= 4 && ((h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G'
        || (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 || h[0] == 'B' && h[1] == 'M'
        || h[0] == 'P' && h[1] >= '1' && h[1] <= '6' || h[0] == 'G' && h[1] == 'I' && h[2] == 'F');
  }

  private static byte[] head(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(16);
    } catch (IOException e) {
      throw new DataFormatException(path.toString(), "cannot read: " + Failures.describe(e));
    }
  }

  private static byte[] headOf(byte[] content) {
    return java.util.Arrays.copyOf(content, Math.min(16, content.length));
  }
}
