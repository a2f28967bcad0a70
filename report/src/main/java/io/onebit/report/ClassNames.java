package io.onebit.report;

import io.onebit.model.DeployModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The names of a model's classes, for the report: the model's own list when its info carries one
 * ({@code class_names}), else the names of the dataset it was trained on when onebit knows them,
 * else the class indices.
 */
public final class ClassNames {
  /** The classes of the datasets onebit ships, in label order. */
  private static final Map<String, List<String>> KNOWN = Map.of(
      "mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
      "fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
          "Bag", "Ankle boot"));

  private ClassNames() {}

  public static List<String> of(DeployModel model) {
    int classes = model.classes();
    Map<String, Object> info = model.info() == null ? Map.of() : model.info();
    if (info.get("class_names") instanceof List<?> names && names.size() == classes) {
      return names.stream().map(String::valueOf).toList();
    }
    if (info.get("dataset") instanceof String dataset && KNOWN.containsKey(dataset)
        && KNOWN.get(dataset).size() == classes) {
      return KNOWN.get(dataset);
    }
    List<String> indices = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      indices.add("class " + i);
    }
    return indices;
  }
}
