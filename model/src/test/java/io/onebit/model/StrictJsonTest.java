package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every number of the deploy-model contract is taken as written or refused in one line naming the
 * field: each integer of two models holding every layer type is replaced in turn by a fraction, a
 * string, a boolean and a value beyond int32, and each object gets a duplicate key.
 */
class StrictJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static List<DeployModel> everyLayerType() {
    Random random = new Random(5);
    return List.of(
        RandomModels.fromSpec("t", InputSpec.thresholded(6, 6, 3, 100), "conv8k3x3s1same,pool2s2,flatten,dense40,out4",
            random),
        RandomModels.fromSpec("b", InputSpec.bitplanes(6, 6, 2), "conv5k3x2s2same,conv4k1x1s1valid,flatten,out3", random));
  }

  /** The path of every integer leaf outside the free-form "info". */
  private static List<List<Object>> integerLeaves(JsonNode node, List<Object> path, List<List<Object>> out) {
    if (node.isIntegralNumber()) {
      out.add(List.copyOf(path));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (path.isEmpty() && e.getKey().equals("info")) {
          continue;
        }
        List<Object> p = new ArrayList<>(path);
        p.add(e.getKey());
        integerLeaves(e.getValue(), p, out);
      }
    } else if (node.isArray()) {
      // One element per array is enough to reach every field; the first and the last cover both ends.
      for (int i : node.size() == 0 ? new int[0] : new int[] {0, node.size() - 1}) {
        List<Object> p = new ArrayList<>(path);
        p.add(i);
        integerLeaves(node.get(i), p, out);
      }
    }
    return out;
  }

  private static JsonNode replaced(JsonNode root, List<Object> path, Function<JsonNode, JsonNode> change) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = copy;
    for (int i = 0; i < path.size() - 1; i++) {
      Object step = path.get(i);
      parent = step instanceof String s ? parent.get(s) : parent.get((Integer) step);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof String s) {
      ((ObjectNode) parent).set(s, change.apply(parent.get(s)));
    } else {
      ((ArrayNode) parent).set((Integer) last, change.apply(parent.get((Integer) last)));
    }
    return copy;
  }

  /** layers[0].thresholds[3], as the error message names a field. */
  private static String name(List<Object> path) {
    StringBuilder b = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(step);
      }
    }
    return b.toString();
  }

  @Test
  void everyIntegerFieldRefusesFractionsStringsBooleansAndOverflow() throws Exception {
    int checked = 0;
    for (DeployModel model : everyLayerType()) {
      JsonNode root = Json.mapper().readTree(DeployModelIo.toJson(model));
      List<List<Object>> leaves = integerLeaves(root, List.of(), new ArrayList<>());
      assertTrue(leaves.size() > 20, leaves.toString());
      for (List<Object> leaf : leaves) {
        List<Function<JsonNode, JsonNode>> variants = List.of(
            v -> NODES.numberNode(v.asLong() + 0.5),
            v -> NODES.textNode(v.asText()),
            v -> NODES.booleanNode(true),
            v -> NODES.numberNode(1L << 31),
            v -> NODES.numberNode(-(1L << 31) - 1));
        for (Function<JsonNode, JsonNode> variant : variants) {
          byte[] bad = Json.mapper().writeValueAsBytes(replaced(root, leaf, variant));
          ModelFormatException e = assertThrows(ModelFormatException.class, () -> DeployModelIo.fromJson(bad),
              name(leaf) + " = " + variant.apply(NODES.numberNode(7)));
          assertTrue(e.getMessage().contains(name(leaf)), name(leaf) + " in: " + e.getMessage());
          assertTrue(e.getMessage().contains("expected"), e.getMessage());
          assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("java."), e.getMessage());
          checked++;
        }
      }
    }
    assertTrue(checked > 200, checked + " variants");
  }

  @Test
  void aThresholdOf510Point5IsRefusedNotTruncated() {
    String good = new String(DeployModelIo.toJson(everyLayerType().get(0)), StandardCharsets.UTF_8);
    String bad = good.replaceFirst("\"threshold\" : 100", "\"threshold\" : 63.9");
    assertFalse(bad.equals(good));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> DeployModelIo.fromJson(bad.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("input.threshold: expected an integer") && e.getMessage().contains("63.9"),
        e.getMessage());
  }

  @Test
  void duplicateKeysAreRefusedInEveryObject() throws Exception {
    String good = new String(DeployModelIo.toJson(everyLayerType().get(0)), StandardCharsets.UTF_8);
    for (String key : new String[] {"\"format\"", "\"height\"", "\"type\"", "\"thresholds\"", "\"or_channels\""}) {
      int at = good.indexOf(key);
      int end = good.indexOf('\n', at);
      String line = good.substring(at, end).strip();
      String bad = good.substring(0, at) + (line.endsWith(",") ? line : line + ",") + " " + good.substring(at);
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> DeployModelIo.fromJson(bad.getBytes(StandardCharsets.UTF_8)), key);
      assertTrue(e.getMessage().contains("duplicate key " + key.replace('"', '\'')), e.getMessage());
    }
  }

  @Test
  void trailingContentIsRefused() {
    String good = new String(DeployModelIo.toJson(everyLayerType().get(1)), StandardCharsets.UTF_8);
    for (String tail : new String[] {" {}", " 1", "]", " x", ",{}"}) {
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> DeployModelIo.fromJson((good + tail).getBytes(StandardCharsets.UTF_8)), tail);
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    assertEquals("b", DeployModelIo.fromJson((good + "\n  \n").getBytes(StandardCharsets.UTF_8)).name());
  }

  /** A field that is not there is called missing, not "got }" (the token where Jackson noticed). */
  @Test
  void aMissingNumberIsCalledMissing() {
    for (String json : new String[] {"{}", "{\"format\": \"onebit-deploy\"}", "{\n  \"name\": \"m\"\n}"}) {
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> DeployModelIo.fromJson(json.getBytes(StandardCharsets.UTF_8)));
      assertTrue(e.getMessage().contains("version: missing; expected an integer"), e.getMessage());
      assertFalse(e.getMessage().contains("got }"), e.getMessage());
    }
    ModelFormatException explicit = assertThrows(ModelFormatException.class,
        () -> DeployModelIo.fromJson("{\"version\": null}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(explicit.getMessage().contains("version: expected an integer from -2147483648 to 2147483647, got null"),
        explicit.getMessage());
  }
}
