package io.onebit.trainer.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an architecture file:
 *
 * <pre>
 * {
 *   "name": "cnn-s",
 *   "notes": "free text (optional)",
 *   "input": "bitplanes",                  // or "threshold" (default)
 *   "layers": [
 *     {"type": "conv", "filters": 32, "kernel": 3, "stride": 1, "padding": "same"},
 *     {"type": "maxpool", "size": 2},       // stride defaults to size
 *     {"type": "conv", "filters": 64, "kernel": [3, 3], "padding": "valid"},
 *     {"type": "dense", "units": 64}        // a flatten is implied before the first dense
 *   ]
 * }
 * </pre>
 *
 * <p>Time series (samples of 1 x T x C, e.g. a 3-axis sensor window): {@code {"type": "conv1d",
 * "filters": 16, "kernel": 5}} is a conv with a [1, k] kernel (k over time), and
 * {@code {"type": "maxpool1d", "size": 2}} a [1, size] pooling window; a maxpool's size may also be
 * [height, width].
 *
 * conv defaults: stride 1, padding 'valid' (as Keras/Larq). Every problem is reported as one
 * line naming the file.
 */
final class ArchitectureFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TOP = Set.of("name", "notes", "input", "layers");

  private ArchitectureFile() {}

  static Architecture read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("arch file " + file + ": not found");
    } catch (IOException e) {
      throw new IllegalArgumentException("arch file " + file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(bytes, file.toString());
  }

  static Architecture parse(byte[] bytes, String source) {
    try {
      return parse(MAPPER.readTree(bytes), source);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("arch file " + source + ": not valid JSON (" + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("arch file " + source + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("arch file " + source + ": " + e.getMessage());
    }
  }

  private static Architecture parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    unknownFields(root, TOP, "top level");
    String name = text(root, "name", null, "top level");
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("'name' must be a word of letters, digits, '-' or '_', got " + root.get("name"));
    }
    String input = text(root, "input", Architecture.THRESHOLD, "top level");
    if (!Architecture.THRESHOLD.equals(input) && !Architecture.BITPLANES.equals(input)) {
      throw new IllegalArgumentException("'input' must be 'threshold' or 'bitplanes', got '" + input + "'");
    }
    JsonNode list = root.get("layers");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("'layers' must be a list of layers");
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String where = "layer " + (i + 1);
      if (!node.isObject()) {
        throw new IllegalArgumentException(where + ": expected an object");
      }
      String type = text(node, "type", null, where);
      if (type == null) {
        throw new IllegalArgumentException(where + ": missing 'type' (conv, maxpool or dense)");
      }
      layers.add(switch (type) {
        case LayerSpec.CONV -> conv(node, where, false);
        case "conv1d" -> conv(node, where, true);
        case LayerSpec.MAXPOOL -> maxpool(node, where, false);
        case "maxpool1d" -> maxpool(node, where, true);
        case LayerSpec.DENSE -> dense(node, where);
        case "flatten" -> null;
        default -> throw new IllegalArgumentException(where + ": unknown type '" + type + "' (known: conv, conv1d, "
            + "maxpool, maxpool1d, dense, flatten)");
      });
    }
    layers.removeIf(java.util.Objects::isNull);
    return new Architecture(name, input, layers, "arch file " + source);
  }

  private static LayerSpec conv(JsonNode node, String where, boolean overTime) {
    unknownFields(node, Set.of("type", "filters", "kernel", "stride", "padding"), where);
    int filters = positive(node, "filters", null, where);
    int[] kernel = overTime ? new int[] {1, positive(node, "kernel", null, where)} : kernel(node, where);
    int stride = positive(node, "stride", 1, where);
    String padding = text(node, "padding", "valid", where);
    if (!"same".equals(padding) && !"valid".equals(padding)) {
      throw new IllegalArgumentException(where + ": 'padding' must be 'same' or 'valid', got '" + padding + "'");
    }
    return LayerSpec.conv(filters, kernel[0], kernel[1], stride, padding);
  }

  private static LayerSpec maxpool(JsonNode node, String where, boolean overTime) {
    unknownFields(node, Set.of("type", "size", "stride"), where);
    JsonNode size = node.get("size");
    int[] window = overTime ? new int[] {1, positive(node, "size", null, where)}
        : size != null && size.isArray() ? pair(size, where, "size") : new int[] {positive(node, "size", null, where),
        positive(node, "size", null, where)};
    return LayerSpec.maxpool(window[0], window[1], positive(node, "stride", Math.max(window[0], window[1]), where));
  }

  private static int[] pair(JsonNode k, String where, String field) {
    if (k.size() == 2 && k.get(0).isInt() && k.get(1).isInt() && k.get(0).asInt() > 0 && k.get(1).asInt() > 0) {
      return new int[] {k.get(0).asInt(), k.get(1).asInt()};
    }
    throw new IllegalArgumentException(where + ": '" + field + "' must be a positive integer or [height, width], got " + k);
  }

  private static LayerSpec dense(JsonNode node, String where) {
    unknownFields(node, Set.of("type", "units"), where);
    return LayerSpec.dense(positive(node, "units", null, where));
  }

  private static int[] kernel(JsonNode node, String where) {
    JsonNode k = node.get("kernel");
    if (k != null && k.isArray() && k.size() == 2 && k.get(0).isInt() && k.get(1).isInt()
        && k.get(0).asInt() > 0 && k.get(1).asInt() > 0) {
      return new int[] {k.get(0).asInt(), k.get(1).asInt()};
    }
    if (k != null && k.isInt() && k.asInt() > 0) {
      return new int[] {k.asInt(), k.asInt()};
    }
    throw new IllegalArgumentException(where + ": 'kernel' must be a positive integer or [height, width], got " + k);
  }

  private static int positive(JsonNode node, String field, Integer fallback, String where) {
    JsonNode v = node.get(field);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isInt() || v.asInt() <= 0) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be a positive integer, got " + v);
    }
    return v.asInt();
  }

  private static String text(JsonNode node, String field, String fallback, String where) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be a string, got " + v);
    }
    return v.asText();
  }

  private static void unknownFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(where + ": unknown field '" + f + "' (known: " + String.join(", ",
            new java.util.TreeSet<>(known)) + ")");
      }
    }
  }
}
