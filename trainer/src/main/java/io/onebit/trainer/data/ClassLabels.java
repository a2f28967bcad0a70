package io.onebit.trainer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class indices and names from a label column's values: the distinct values sorted (numerically
 * when every value is an integer, else as text), the i-th value naming class i. A dataset needs 2 to
 * 256 classes.
 *
 * @param names the class names, in index order
 * @param indices each sample's class index
 */
public record ClassLabels(List<String> names, byte[] indices) {
  public static final int MAX_CLASSES = 256;

  /** @param file names the source in error messages */
  public static ClassLabels of(String file, List<String> values) {
    return of(file, values, 2);
  }

  /** As above; a test file may hold fewer than 2 classes ({@code minClasses} 1). */
  public static ClassLabels of(String file, List<String> values, int minClasses) {
    boolean numeric = values.stream().allMatch(v -> v.matches("[+-]?\\d{1,18}"));
    Comparator<String> order = numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    Map<String, Integer> index = new TreeMap<>(order);
    for (String v : values) {
      index.putIfAbsent(numeric ? Long.toString(Long.parseLong(v)) : v, 0);
    }
    if (index.size() >= minClasses) {
      checkCount(file, Math.max(2, index.size()), index.keySet());
    } else {
      checkCount(file, index.size(), index.keySet());
    }
    List<String> names = new ArrayList<>(index.keySet());
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    byte[] indices = new byte[values.size()];
    for (int i = 0; i < indices.length; i++) {
      String v = values.get(i);
      indices[i] = (byte) (int) index.get(numeric ? Long.toString(Long.parseLong(v)) : v);
    }
    return new ClassLabels(List.copyOf(names), indices);
  }

  /** Refuses fewer than 2 or more than 256 classes. */
  static void checkCount(String file, int classes, java.util.Collection<String> names) {
    if (classes < 2) {
      throw new DataFormatException(file, "only one class (" + new LinkedHashSet<>(names)
          + "): a classifier needs at least 2");
    }
    if (classes > MAX_CLASSES) {
      throw new DataFormatException(file, classes + " classes; at most " + MAX_CLASSES + " are supported");
    }
  }
}
