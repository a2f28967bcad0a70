package io.onebit.trainer.hyper;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyperparameters from a JSON object, keyed by their snake_case names ({@code lr_end}), typed
 * strictly: numbers for numbers (whole numbers where an integer is wanted), booleans for flags,
 * strings for names, files and durations. Every problem is one message naming the key.
 */
public final class JsonSettings {
  private JsonSettings() {}

  /**
   * The settings of {@code object}'s keys that name one of {@code known}; keys in {@code skip}
   * are left to the caller, any other key is refused.
   *
   * @param where names the object in messages, e.g. "run 'ste+sgd'"
   */
  public static Settings read(JsonNode object, List<Hyperparameter<?>> known, Set<String> skip, String where) {
    Settings settings = Settings.defaults();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (skip.contains(key)) {
        continue;
      }
      Hyperparameter<?> h = known.stream().filter(k -> k.configKey().equals(key)).findFirst().orElse(null);
      if (h == null) {
        throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
      }
      settings = put(settings, h, field.getValue(), where);
    }
    return settings;
  }

  private static <T> Settings put(Settings settings, Hyperparameter<T> h, JsonNode node, String where) {
    if (node.isNull()) {
      return settings;
    }
    try {
      return settings.with(h, value(h, node, where + ": " + h.configKey()));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** One value of type T from a JSON node; a wrong JSON type is refused, not coerced. */
  public static <T> T value(Hyperparameter<T> h, JsonNode node, String display) {
    Class<T> type = h.type();
    Object v;
    if (type == Float.class && node.isNumber()) {
      v = node.floatValue();
    } else if ((type == Integer.class && node.canConvertToInt() || type == Long.class && node.canConvertToLong())
        && node.isIntegralNumber()) {
      v = type == Integer.class ? (Object) node.intValue() : (Object) node.longValue();
    } else if (type == Boolean.class && node.isBoolean()) {
      v = node.booleanValue();
    } else if (type == String.class && node.isTextual()) {
      v = node.textValue();
    } else if (type == Path.class && node.isTextual()) {
      v = Path.of(node.textValue());
    } else if (type == Duration.class && node.isTextual()) {
      return h.parse(node.textValue(), display);
    } else {
      throw new IllegalArgumentException(display + " must be " + h.typeName() + ", got " + node);
    }
    return h.check(type.cast(v), display);
  }
}
