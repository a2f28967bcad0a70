package io.onebit.trainer.data;

import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A folder of images, one sub-folder per class (its name is the class name; classes in name order):
 *
 * <pre>
 *   root/cat/001.png, root/dog/x.jpg, ...                      one set (split with --test-split)
 *   root/train/cat/..., root/test/cat/...                       train and test splits
 * </pre>
 *
 * Files with other endings than {@link ImageFiles#EXTENSIONS} and hidden entries are skipped. Every
 * image must have the same size, or {@code inputSize} brings each to it ({@link ImageResize}). Grey
 * and colour may mix (grey images then become RGB); 8-bit and 16-bit may not. Images decode in
 * parallel; each is kept in its compact form only.
 */
public final class ImageFolder {
  private ImageFolder() {}

  /** Whether {@code dir} looks like an image folder: a sub-folder holding an image, or train/ and test/ that do. */
  static boolean looksLike(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).filter(d -> !hidden(d)).anyMatch(d -> {
        try (Stream<Path> files = Files.walk(d, 2)) {
          return files.anyMatch(f -> Files.isRegularFile(f) && ImageFiles.isImageName(f));
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  /** The train split and, when the folder has train/ and test/, the test split (else null). */
  public static Dataset[] read(Path root, int[] inputSize, Consumer<String> log) {
    Path train = child(root, "train");
    Path test = child(root, "test");
    if (train != null && test != null) {
      Dataset trainSet = readSet(train, inputSize, null, "train", log);
      Dataset testSet = readSet(test, inputSize, trainSet, "test", log);
      if (testSet.channels() != trainSet.channels() || testSet.type() != trainSet.type()
          || !testSet.shape().equals(trainSet.shape())) {
        throw new DataFormatException(test.toString(), "images of " + testSet.shape() + " " + testSet.type()
            + ", but the train images are " + trainSet.shape() + " " + trainSet.type());
      }
      return new Dataset[] {trainSet, testSet};
    }
    return new Dataset[] {readSet(root, inputSize, null, "all", log), null};
  }

  private static Path child(Path root, String name) {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory).filter(d -> d.getFileName().toString().toLowerCase(Locale.ROOT)
          .equals(name)).findFirst().orElse(null);
    } catch (IOException e) {
      throw new DataFormatException(root.toString(), "cannot list: " + Failures.describe(e));
    }
  }

  private record Entry(Path file, int label) {}

  private static Dataset readSet(Path dir, int[] inputSize, Dataset train, String split, Consumer<String> log) {
    List<Path> classDirs;
    try (Stream<Path> children = Files.list(dir)) {
      classDirs = children.filter(Files::isDirectory).filter(d -> !hidden(d)).sorted().toList();
    } catch (IOException e) {
      throw new DataFormatException(dir.toString(), "cannot list: " + Failures.describe(e));
    }
    if (classDirs.isEmpty()) {
      throw new DataFormatException(dir.toString(), "no class folders (expected one sub-folder of images per class)");
    }
    List<String> names = classDirs.stream().map(d -> d.getFileName().toString()).toList();
    if (train == null) {
      ClassLabels.checkCount(dir.toString(), names.size(), names);
    }
    List<Entry> entries = new ArrayList<>();
    int skipped = 0;
    for (int k = 0; k < classDirs.size(); k++) {
      int label = train == null ? k : train.classNames().indexOf(names.get(k));
      if (label < 0) {
        throw new DataFormatException(classDirs.get(k).toString(), "class '" + names.get(k)
            + "' is not among the training classes " + train.classNames());
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(classDirs.get(k))) {
        files = s.filter(Files::isRegularFile).filter(f -> !hidden(f)).sorted().toList();
      } catch (IOException e) {
        throw new DataFormatException(classDirs.get(k).toString(), "cannot list: " + Failures.describe(e));
      }
      int images = 0;
      for (Path f : files) {
        if (ImageFiles.isImageName(f)) {
          entries.add(new Entry(f, label));
          images++;
        } else {
          skipped++;
        }
      }
      if (images == 0 && train == null) {
        throw new DataFormatException(classDirs.get(k).toString(), "class '" + names.get(k)
            + "' has no images (a class needs at least one sample)");
      }
    }
    if (skipped > 0) {
      log.accept(dir + ": skipped " + skipped + " files that are not images (" + String.join(", ", ImageFiles.EXTENSIONS.stream().sorted().toList()) + ")");
    }
    if (entries.isEmpty()) {
      throw new DataFormatException(dir.toString(), "no images");
    }
    ImageFiles.Image probe = fit(ImageFiles.read(entries.get(0).file()), inputSize);
    DataLimits.require(dir.toString(), (long) entries.size() * probe.height() * probe.width() * 3, 3);
    RawSamples[] decoded = new RawSamples[entries.size()];
    ImageFiles.Image[] shapes = new ImageFiles.Image[entries.size()];
    IntStream.range(0, entries.size()).parallel().forEach(i -> {
      ImageFiles.Image image = fit(ImageFiles.read(entries.get(i).file()), inputSize);
      decoded[i] = compact(image);
      shapes[i] = new ImageFiles.Image(image.height(), image.width(), image.channels(), image.type(), null);
    });
    ImageFiles.Image first = shapes[0];
    boolean rgb = false;
    for (int i = 0; i < shapes.length; i++) {
      ImageFiles.Image s = shapes[i];
      if (s.height() != first.height() || s.width() != first.width()) {
        throw new DataFormatException(entries.get(i).file().toString(), s.height() + "x" + s.width() + " pixels, but "
            + entries.get(0).file() + " is " + first.height() + "x" + first.width()
            + ": give --input-size HxW to bring every image to one size");
      }
      if (s.type() != first.type()) {
        throw new DataFormatException(entries.get(i).file().toString(), (s.type() == SampleType.UINT16 ? "16" : "8")
            + "-bit image among " + (first.type() == SampleType.UINT16 ? "16" : "8") + "-bit ones (" + entries.get(0).file() + ")");
      }
      rgb |= s.channels() == 3;
    }
    int channels = rgb ? 3 : 1;
    int size = first.height() * first.width() * channels;
    RawSamples raw = RawSamples.allocate(first.type(), Math.multiplyExact(entries.size(), size));
    byte[] labels = new byte[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      RawSamples one = decoded[i];
      boolean grey = shapes[i].channels() == 1;
      for (int e = 0; e < size; e++) {
        raw.set(i * size + e, one.get(grey && rgb ? e / 3 : e));
      }
      decoded[i] = null;
      labels[i] = (byte) entries.get(i).label();
    }
    List<String> classNames = train == null ? names : train.classNames();
    log.accept(dir + ": " + entries.size() + " images of " + first.height() + "x" + first.width() + "x" + channels
        + " in " + names.size() + " classes");
    return new Dataset(dir.getFileName() + "/" + split, entries.size(),
        new TensorShape(first.height(), first.width(), channels), raw, labels, classNames, null, null);
  }

  private static ImageFiles.Image fit(ImageFiles.Image image, int[] inputSize) {
    return inputSize == null ? image : ImageResize.coverAndCrop(image, inputSize[0], inputSize[1]);
  }

  private static RawSamples compact(ImageFiles.Image image) {
    RawSamples r = RawSamples.allocate(image.type(), image.values().length);
    for (int i = 0; i < image.values().length; i++) {
      r.set(i, image.values()[i]);
    }
    return r;
  }

  private static boolean hidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }
}
