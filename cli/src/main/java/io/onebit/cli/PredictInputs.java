package io.onebit.cli;

import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;
import io.onebit.trainer.data.ArrayDatasets;
import io.onebit.trainer.data.CsvTable;
import io.onebit.trainer.data.DataFormatException;
import io.onebit.trainer.data.ImageFiles;
import io.onebit.trainer.data.ImageResize;
import io.onebit.trainer.data.NpyArray;
import io.onebit.trainer.data.RawConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The samples of one {@code predict} argument, as the model's raw integers:
 *
 * <ul>
 *   <li>a folder: every image below it, labelled with its class folder's name when it sits in one;
 *   <li>an image: decoded ({@link ImageFiles}), brought to the model's H x W as {@code --input-size}
 *       does (scale to cover, crop the centre), grey replicated to RGB for a 3-channel model;
 *   <li>a CSV file: one sample per row of the model's H·W·C features, or of one more column, the label
 *       ({@code --label-column}, else the last), which is then shown beside the prediction;
 *   <li>a {@code .npy} (or the x / x_test array of an {@code .npz}): one sample of the model's element
 *       count, or N of them along the first dimension.
 * </ul>
 *
 * Numbers become raw integers as the training data did: raw = round(value · 2^f_c) with the model's
 * fraction bits f_c (0 for integer data), saturated to the sample type.
 */
final class PredictInputs {
  /** One sample: what it is called in the output, its raw values, and its label when the file has one. */
  record Sample(String name, int[] raw, String label) {}

  private PredictInputs() {}

  static List<Sample> read(Path path, InputSpec input, String labelColumn) {
    String file = path.toString();
    if (Files.isDirectory(path)) {
      return folder(path, input);
    }
    if (!Files.exists(path)) {
      throw new DataFormatException(file, "no such file or directory");
    }
    if (!Files.isRegularFile(path)) {
      throw new DataFormatException(file, "not a regular file (a device, pipe or socket)");
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (ImageFiles.isImageName(path)) {
      return List.of(new Sample(file, image(path, input), null));
    }
    if (lower.endsWith(".npy")) {
      return array(file, ArrayDatasets.readNpy(path), input);
    }
    if (lower.endsWith(".npz")) {
      Map<String, NpyArray> arrays = ArrayDatasets.readNpz(path);
      NpyArray x = arrays.containsKey("x") ? arrays.get("x") : arrays.get("x_test");
      if (x == null) {
        throw new DataFormatException(file, "no array 'x' or 'x_test' to predict");
      }
      return array(file, x, input);
    }
    return csv(path, input, labelColumn);
  }

  /**
   * Every image below {@code dir} (hidden entries skipped), in path order; an image inside a class folder
   * ({@code photos/cat/1.jpg}, {@code photos/test/cat/1.jpg}) carries the folder's name as its label, as the
   * folder layout {@code train} reads.
   */
  private static List<Sample> folder(Path dir, InputSpec input) {
    List<Path> images;
    try (Stream<Path> walk = Files.walk(dir)) {
      images = walk.filter(p -> Files.isRegularFile(p) && ImageFiles.isImageName(p) && !hidden(dir.relativize(p)))
          .sorted().toList();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new DataFormatException(dir.toString(), "cannot list the folder: " + e.getMessage());
    }
    if (images.isEmpty()) {
      throw new DataFormatException(dir.toString(), "a folder with no images ("
          + String.join(", ", new java.util.TreeSet<>(ImageFiles.EXTENSIONS)) + ")");
    }
    List<Sample> samples = new ArrayList<>();
    for (Path p : images) {
      String label = p.getParent().equals(dir) ? null : p.getParent().getFileName().toString();
      samples.add(new Sample(p.toString(), image(p, input), label));
    }
    return samples;
  }

  /** Whether any part of a relative path is hidden (.git, .DS_Store, .thumbnails/...). */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static int[] image(Path path, InputSpec input) {
    ImageFiles.Image image = ImageFiles.read(path);
    if (image.type() != input.type()) {
      throw new DataFormatException(path.toString(), (image.type() == SampleType.UINT16 ? "16" : "8")
          + "-bit image, but the model takes " + input.type() + " samples");
    }
    if (image.channels() != input.channels()) {
      if (image.channels() == 1 && input.channels() == 3) {
        int[] rgb = new int[image.values().length * 3];
        for (int i = 0; i < rgb.length; i++) {
          rgb[i] = image.values()[i / 3];
        }
        image = new ImageFiles.Image(image.height(), image.width(), 3, image.type(), rgb);
      } else {
        throw new DataFormatException(path.toString(), image.channels() + "-channel image, but the model takes "
            + input.channels() + " channels");
      }
    }
    return ImageResize.coverAndCrop(image, input.height(), input.width()).values();
  }

  private static List<Sample> array(String file, NpyArray x, InputSpec input) {
    if (x.isString()) {
      throw new DataFormatException(file, "a string array holds no samples");
    }
    long elements = x.elements();
    int size = input.size();
    int count;
    if (elements == size) {
      count = 1;
    } else if (x.shape().length > 1 && elements == (long) x.count() * size) {
      count = x.count();
    } else {
      throw new DataFormatException(file, "shape " + x.shapeText() + " is neither one sample nor N samples of the model's "
          + input.shape() + " (" + size + " elements)");
    }
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = x.value(s * size + i);
      }
      samples.add(new Sample(count == 1 ? file : file + "[" + s + "]", raw(file + " sample " + s, values, input), null));
    }
    return samples;
  }

  private static List<Sample> csv(Path path, InputSpec input, String labelColumn) {
    String file = path.toString();
    int size = input.size();
    List<String> lines = lines(path);
    if (!lines.isEmpty() && (lines.get(0).strip().startsWith("{") || lines.get(0).strip().startsWith("["))) {
      // A model or metrics file given by mistake would otherwise be read as rows of one or two cells.
      throw new DataFormatException(file, "a JSON file, not CSV rows (predict takes images, folders of them, CSV"
          + " files, .npy or .npz)");
    }
    int columns = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).split(",", -1).length;
    List<Sample> samples = new ArrayList<>();
    if (columns == size + 1 || labelColumn != null) {
      CsvTable table = CsvTable.read(path, labelColumn, false);
      if (table.columns() != size) {
        throw new DataFormatException(file, table.columns() + " features per row, the model takes " + size);
      }
      for (int r = 0; r < table.rows(); r++) {
        double[] values = java.util.Arrays.copyOfRange(table.features(), r * size, (r + 1) * size);
        String where = file + " row " + table.rowNumbers()[r];
        samples.add(new Sample(where, raw(where, values, input), table.labels().get(r)));
      }
      return samples;
    }
    List<double[]> rows = CsvTable.readUnlabelled(path, size);
    for (int r = 0; r < rows.size(); r++) {
      String where = file + " row " + (r + 1);
      samples.add(new Sample(where, raw(where, rows.get(r), input), null));
    }
    return samples;
  }

  private static List<String> lines(Path path) {
    try {
      return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new DataFormatException(path.toString(), "cannot read as text: " + e.getMessage());
    }
  }

  /** round(value · 2^f_c), saturated to the sample type; non-finite values are refused. */
  static int[] raw(String where, double[] values, InputSpec input) {
    int[] raw = new int[values.length];
    SampleType type = input.type();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new DataFormatException(where, "element " + i + " is " + values[i] + ", not a finite number");
      }
      raw[i] = type.saturate(RawConversion.toRaw(values[i], input.fractionBitsOf(i % input.channels())));
    }
    return raw;
  }
}
