package io.onebit.trainer.data;

import io.onebit.model.InputMap;
import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of samples: {@code count} tensors of rows x cols x channels raw integers (HWC),
 * each labelled with one of {@code classes} classes. Held as flat arrays, because training and
 * inference walk samples in order and one contiguous array is the cheapest thing to walk.
 *
 * <p>Two views of a sample:
 * <ul>
 *   <li>{@link #sample}: its raw integers as the deploy model's entry point takes them (little-endian
 *       elements of {@link #type()}), for the golden model and the firmware;
 *   <li>{@link #pixels}: the 0..255 values the trainer reads (the first layer's 8-bit input), the
 *       raw values through the dataset's {@link InputMap}; for uint8 data without a map, the raw
 *       bytes themselves.
 * </ul>
 * The map is fitted on the training split ({@link InputFit}) and given to every split with
 * {@link #withMap}, so training, test and the deploy model see the same integers.
 *
 * <p>The arrays are shared, not copied (the MNIST training images alone are 47 MB), so treat
 * them as read-only.
 */
public final class Dataset {
  private final String name;
  private final int count;
  private final TensorShape shape;
  private final RawSamples raw;
  private final byte[] labels;
  private final List<String> classNames;
  private final int[] fractionBits;
  private final InputMap map;
  private volatile byte[] eightBit;

  /** uint8 grey images with classes called 0 .. classes-1 (the MNIST-shaped case). */
  public Dataset(String name, int count, int rows, int cols, byte[] pixels, byte[] labels, int classes) {
    this(name, count, new TensorShape(rows, cols, 1), RawSamples.uint8(pixels), labels, indexNames(classes), null, null);
  }

  /**
   * @param shape rows x cols x channels of one sample
   * @param raw count * shape.elements() raw elements
   * @param labels count class indices, each below classNames.size()
   * @param classNames one name per class (1 to 256 classes), unique
   * @param fractionBits per channel, the fixed-point scale of the raw values (null: integer data)
   * @param map the map to 0..255, or null for uint8 data read as it is
   */
  public Dataset(String name, int count, TensorShape shape, RawSamples raw, byte[] labels, List<String> classNames,
      int[] fractionBits, InputMap map) {
    int classes = classNames.size();
    if (count < 0 || shape.height() <= 0 || shape.width() <= 0 || shape.channels() <= 0 || classes <= 0
        || classes > 256) {
      throw new IllegalArgumentException(
          "bad dataset shape: count " + count + ", " + shape + ", " + classes + " classes");
    }
    if (raw.length() != (long) count * shape.elements()) {
      throw new IllegalArgumentException(
          "samples hold " + raw.length() + " elements, expected " + (long) count * shape.elements());
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("labels hold " + labels.length + " entries, expected " + count);
    }
    for (int i = 0; i < count; i++) {
      int label = labels[i] & 0xff;
      if (label >= classes) {
        throw new IllegalArgumentException("label " + label + " of sample " + i + " is not below " + classes);
      }
    }
    if (fractionBits != null && fractionBits.length != shape.channels()) {
      throw new IllegalArgumentException("fraction bits for " + fractionBits.length + " channels, data has "
          + shape.channels());
    }
    if (map != null && map.channels() != shape.channels()) {
      throw new IllegalArgumentException("input map for " + map.channels() + " channels, data has " + shape.channels());
    }
    this.name = name;
    this.count = count;
    this.shape = shape;
    this.raw = raw;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
    this.fractionBits = fractionBits;
    this.map = map;
  }

  /** "0", "1", ... as class names. */
  public static List<String> indexNames(int classes) {
    List<String> names = new ArrayList<>(classes);
    for (int i = 0; i < classes; i++) {
      names.add(Integer.toString(i));
    }
    return names;
  }

  public String name() {
    return name;
  }

  public int count() {
    return count;
  }

  public int rows() {
    return shape.height();
  }

  public int cols() {
    return shape.width();
  }

  public int channels() {
    return shape.channels();
  }

  /** rows x cols x channels. */
  public TensorShape shape() {
    return shape;
  }

  public int classes() {
    return classNames.size();
  }

  public List<String> classNames() {
    return classNames;
  }

  public SampleType type() {
    return raw.type();
  }

  /** The raw elements of every sample. */
  public RawSamples raw() {
    return raw;
  }

  /** Per channel, raw = round(value · 2^f) of the source data; null for integer data. */
  public int[] fractionBits() {
    return fractionBits == null ? null : fractionBits.clone();
  }

  /** The map from raw values to the trainer's bytes, or null (uint8 read as it is). */
  public InputMap map() {
    return map;
  }

  /** count class indices, each in [0, classes). */
  public byte[] labels() {
    return labels;
  }

  /** Elements per sample: rows * cols * channels (each one byte in {@link #pixels}). */
  public int sampleSize() {
    return shape.elements();
  }

  /**
   * count * sampleSize() values 0..255, sample-major, HWC: the raw samples through the input map
   * (computed once), or the raw bytes of uint8 data without a map.
   *
   * @throws IllegalStateException for non-uint8 data without a map (fit one first: {@link InputFit})
   */
  public byte[] pixels() {
    if (map == null) {
      if (raw.type() != SampleType.UINT8) {
        throw new IllegalStateException(name + ": " + raw.type() + " samples need an input map to 8 bits");
      }
      return raw.bytes();
    }
    byte[] mapped = eightBit;
    if (mapped == null) {
      mapped = new byte[raw.length()];
      int channels = channels();
      for (int i = 0; i < mapped.length; i++) {
        mapped[i] = (byte) map.apply(raw.get(i), i % channels);
      }
      eightBit = mapped;
    }
    return mapped;
  }

  /** This data with another map to 8 bits (null only for uint8 data). */
  public Dataset withMap(InputMap newMap) {
    return new Dataset(name, count, shape, raw, labels, classNames, fractionBits, newMap);
  }

  /** This data under another name. */
  public Dataset named(String newName) {
    return new Dataset(newName, count, shape, raw, labels, classNames, fractionBits, map);
  }

  /** Sample {@code i}'s raw elements as the model's entry point reads them (little-endian), a copy. */
  public byte[] sample(int i) {
    Objects.checkIndex(i, count);
    int size = sampleSize();
    return raw.littleEndian(i * size, size);
  }

  /** Sample {@code i}'s raw element values. */
  public int[] rawValues(int i) {
    Objects.checkIndex(i, count);
    int size = sampleSize();
    int[] values = new int[size];
    for (int k = 0; k < size; k++) {
      values[k] = raw.get(i * size + k);
    }
    return values;
  }

  /** The class index of sample {@code i}, as an int in [0, classes). */
  public int label(int i) {
    return labels[i] & 0xff;
  }

  /** Samples per class. */
  public int[] classCounts() {
    int[] counts = new int[classes()];
    for (int i = 0; i < count; i++) {
      counts[label(i)]++;
    }
    return counts;
  }

  /** The first {@code n} samples, for quick runs and tests that need a small but real set. */
  public Dataset head(int n) {
    Objects.checkFromToIndex(0, n, count);
    return new Dataset(name, n, shape, raw.head(n * sampleSize()), java.util.Arrays.copyOf(labels, n), classNames,
        fractionBits, map);
  }

  /** The samples at {@code indices}, in that order (repeats allowed), e.g. for a shuffled split. */
  public Dataset subset(int[] indices) {
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      l[k] = labels[Objects.checkIndex(indices[k], count)];
    }
    return new Dataset(name, indices.length, shape, raw.gather(indices, sampleSize()), l, classNames, fractionBits,
        map);
  }

  @Override
  public String toString() {
    return name + " (" + count + " samples of " + shape + " " + raw.type() + ", " + classes() + " classes)";
  }
}
