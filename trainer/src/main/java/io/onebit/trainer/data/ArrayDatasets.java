package io.onebit.trainer.data;

import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Datasets from arrays: NumPy {@code .npy} / {@code .npz} files and IDX files of any shape and type.
 *
 * <ul>
 *   <li>Samples x of shape (N,) are scalars, (N, F) feature vectors (1 x 1 x F), (N, H, W) grey
 *       images (H x W x 1), (N, H, W, C) HWC tensors; {@code --input-shape HxWxC} re-reads each
 *       sample's elements (C order) as another shape with as many elements, e.g. (N, 64, 3) windows
 *       of a 3-axis sensor as 1x64x3.
 *   <li>uint8, int8, uint16, int16 and bool elements are kept as they are; wider integers and floats
 *       go through {@link RawConversion} (train and test together, so both get the same fraction bits).
 *   <li>Labels y of shape (N,) or (N, 1): integers (or integral floats) or strings; class names are the
 *       sorted distinct values, or an {@code .npz}'s {@code class_names} array (then y holds indices).
 * </ul>
 *
 * An {@code .npz} holds {@code x} and {@code y} (one set) or {@code x_train}, {@code y_train},
 * {@code x_test}, {@code y_test}.
 */
public final class ArrayDatasets {
  private ArrayDatasets() {}

  /** The arrays of an {@code .npz} (a zip of {@code .npy} files), by name without {@code .npy}. */
  public static Map<String, NpyArray> readNpz(Path path) {
    String file = path.toString();
    Map<String, NpyArray> arrays = new HashMap<>();
    checkSize(path);
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String name = e.getName();
        if (e.isDirectory() || !name.endsWith(".npy")) {
          continue;
        }
        byte[] bytes;
        try (var in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        String key = name.substring(0, name.length() - 4);
        arrays.put(key, NpyArray.parse(file + ":" + name, bytes));
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "not a readable .npz (zip) file: " + Failures.describe(e));
    }
    return arrays;
  }

  /** One {@code .npy} file. */
  public static NpyArray readNpy(Path path) {
    checkSize(path);
    try {
      return NpyArray.parse(path.toString(), Files.readAllBytes(path));
    } catch (IOException e) {
      throw new DataFormatException(path.toString(), "cannot read: " + Failures.describe(e));
    }
  }

  private static void checkSize(Path path) {
    try {
      DataLimits.require(path.toString(), Files.size(path), 3);
    } catch (IOException e) {
      throw new DataFormatException(path.toString(), "cannot read: " + Failures.describe(e));
    }
  }

  /** The sets of an {@code .npz}: {train, test} or {all, null}. */
  public static Dataset[] fromNpz(Path path, TensorShape reshape) {
    Map<String, NpyArray> a = readNpz(path);
    NpyArray names = a.get("class_names");
    String file = path.toString();
    if (a.containsKey("x_train") || a.containsKey("y_train")) {
      NpyArray xTest = require(a, "x_test", file);
      return build(file, require(a, "x_train", file), require(a, "y_train", file), xTest, require(a, "y_test", file),
          names, reshape, path.getFileName().toString());
    }
    return build(file, require(a, "x", file), require(a, "y", file), null, null, names, reshape,
        path.getFileName().toString());
  }

  private static NpyArray require(Map<String, NpyArray> arrays, String key, String file) {
    NpyArray array = arrays.get(key);
    if (array == null) {
      throw new DataFormatException(file, "no array '" + key + "' (found: " + String.join(", ",
          arrays.keySet().stream().sorted().toList()) + "; expected x and y, or x_train, y_train, x_test and y_test)");
    }
    return array;
  }

  /**
   * Datasets from sample and label arrays (test may be null). Names in messages: {@code file}.
   *
   * @param classNames a string array of class names (labels are then indices into it), or null
   */
  public static Dataset[] build(String file, NpyArray xTrain, NpyArray yTrain, NpyArray xTest, NpyArray yTest,
      NpyArray classNames, TensorShape reshape, String name) {
    TensorShape shape = sampleShape(xTrain, reshape);
    if (xTest != null && !sampleShape(xTest, reshape).equals(shape)) {
      throw new DataFormatException(xTest.file(), "samples of shape " + xTest.shapeText() + ", but the training samples are "
          + xTrain.shapeText());
    }
    List<String> trainLabels = labelTexts(yTrain, xTrain.count());
    List<String> testLabels = yTest == null ? List.of() : labelTexts(yTest, xTest.count());
    List<String> names;
    byte[] trainIdx;
    byte[] testIdx = null;
    if (classNames != null) {
      if (!classNames.isString() || classNames.shape().length != 1) {
        throw new DataFormatException(classNames.file(), "class_names must be a 1-D string array");
      }
      names = new ArrayList<>();
      for (int i = 0; i < classNames.count(); i++) {
        names.add(classNames.string(i));
      }
      ClassLabels.checkCount(classNames.file(), names.size(), names);
      trainIdx = indices(yTrain.file(), trainLabels, names.size());
      testIdx = yTest == null ? null : indices(yTest.file(), testLabels, names.size());
    } else {
      ClassLabels labels = ClassLabels.of(yTrain.file(), trainLabels);
      names = labels.names();
      trainIdx = labels.indices();
      if (yTest != null) {
        testIdx = new byte[testLabels.size()];
        for (int i = 0; i < testIdx.length; i++) {
          int k = names.indexOf(normal(testLabels.get(i)));
          if (k < 0) {
            throw new DataFormatException(yTest.file(), "label '" + testLabels.get(i) + "' of sample " + i
                + " is not among the training labels " + abbreviate(names));
          }
          testIdx[i] = (byte) k;
        }
      }
    }
    int size = shape.elements();
    RawConversion.Result converted = convert(xTrain, xTest, size, shape.channels());
    RawSamples all = converted.raw();
    int nTrain = xTrain.count();
    Dataset train = new Dataset(name + "/train", nTrain, shape, slice(all, 0, nTrain * size), trainIdx, names,
        converted.fractionBits(), null);
    if (xTest == null) {
      return new Dataset[] {train.named(name), null};
    }
    Dataset test = new Dataset(name + "/test", xTest.count(), shape, slice(all, nTrain * size, xTest.count() * size),
        testIdx, names, converted.fractionBits(), null);
    return new Dataset[] {train, test};
  }

  private static String normal(String label) {
    return label.matches("[+-]?\\d{1,18}") ? Long.toString(Long.parseLong(label)) : label;
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 12 ? names.toString() : names.subList(0, 12) + "...";
  }

  private static byte[] indices(String file, List<String> labels, int classes) {
    byte[] idx = new byte[labels.size()];
    for (int i = 0; i < idx.length; i++) {
      String l = labels.get(i);
      if (!l.matches("\\d{1,3}") || Integer.parseInt(l) >= classes) {
        throw new DataFormatException(file, "label " + l + " of sample " + i + " is not an index into the "
            + classes + " class_names");
      }
      idx[i] = (byte) Integer.parseInt(l);
    }
    return idx;
  }

  /** The shape of one sample: x.shape[1:], or {@code reshape} when its element count matches. */
  static TensorShape sampleShape(NpyArray x, TensorShape reshape) {
    long[] s = x.shape();
    if (s.length == 0) {
      throw new DataFormatException(x.file(), "a 0-dimensional array holds no samples");
    }
    TensorShape natural = switch (s.length) {
      case 1 -> new TensorShape(1, 1, 1);
      case 2 -> new TensorShape(1, 1, dim(x, s[1]));
      case 3 -> new TensorShape(dim(x, s[1]), dim(x, s[2]), 1);
      case 4 -> new TensorShape(dim(x, s[1]), dim(x, s[2]), dim(x, s[3]));
      default -> throw new DataFormatException(x.file(), "samples of " + (s.length - 1)
          + " dimensions; expected (N, F), (N, H, W) or (N, H, W, C), or give --input-shape");
    };
    if (natural.elements() == 0) {
      throw new DataFormatException(x.file(), "samples of shape " + x.shapeText() + " hold no elements");
    }
    if (reshape == null) {
      return natural;
    }
    if (reshape.elements() != natural.elements()) {
      throw new DataFormatException(x.file(), "--input-shape " + reshape + " has " + reshape.elements()
          + " elements, but a sample of " + x.shapeText() + " has " + natural.elements());
    }
    return reshape;
  }

  private static int dim(NpyArray x, long d) {
    if (d > 1 << 20) {
      throw new DataFormatException(x.file(), "dimension " + d + " of " + x.shapeText() + " is too large");
    }
    return (int) d;
  }

  private static List<String> labelTexts(NpyArray y, int count) {
    long[] s = y.shape();
    if (!(s.length == 1 || s.length == 2 && s[1] == 1) || s[0] != count) {
      throw new DataFormatException(y.file(), "labels of shape " + y.shapeText() + "; expected (" + count + ",) for "
          + count + " samples");
    }
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (y.isString()) {
        String t = y.string(i).strip();
        if (t.isEmpty()) {
          throw new DataFormatException(y.file(), "label of sample " + i + " is empty");
        }
        texts.add(t);
        continue;
      }
      double v = y.value(i);
      if (!Double.isFinite(v) || v != Math.rint(v)) {
        throw new DataFormatException(y.file(), "label of sample " + i + " is " + v + "; labels must be integers or strings");
      }
      texts.add(Long.toString((long) v));
    }
    return texts;
  }

  private static RawConversion.Result convert(NpyArray train, NpyArray test, int size, int channels) {
    long total = (long) train.count() * size + (test == null ? 0 : (long) test.count() * size);
    DataLimits.require(train.file(), total, 4);
    SampleType direct = directType(train);
    if (direct != null && (test == null || directType(test) == direct)) {
      RawSamples raw = RawSamples.allocate(direct, (int) total);
      int n = train.count() * size;
      for (int i = 0; i < n; i++) {
        raw.set(i, (int) train.value(i));
      }
      for (int i = 0; test != null && i < test.count() * size; i++) {
        raw.set(n + i, (int) test.value(i));
      }
      return new RawConversion.Result(raw, null);
    }
    int n = train.count() * size;
    RawConversion.Values values = i -> i < n ? train.value(i) : test.value(i - n);
    return RawConversion.convert(train.file(), values, (int) total, channels,
        i -> i < n ? "sample " + i / size + ", element " + i % size : test.file() + " sample " + (i - n) / size
            + ", element " + (i - n) % size);
  }

  private static SampleType directType(NpyArray a) {
    return switch (a.kind()) {
      case 'b' -> SampleType.UINT8;
      case 'u' -> a.itemSize() == 1 ? SampleType.UINT8 : a.itemSize() == 2 ? SampleType.UINT16 : null;
      case 'i' -> a.itemSize() == 1 ? SampleType.INT8 : a.itemSize() == 2 ? SampleType.INT16 : null;
      default -> null;
    };
  }

  private static RawSamples slice(RawSamples all, int from, int n) {
    RawSamples out = RawSamples.allocate(all.type(), n);
    if (all.bytes() != null) {
      System.arraycopy(all.bytes(), from, out.bytes(), 0, n);
    } else {
      System.arraycopy(all.shorts(), from, out.shorts(), 0, n);
    }
    return out;
  }
}
