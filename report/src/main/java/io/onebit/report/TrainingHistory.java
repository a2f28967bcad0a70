package io.onebit.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.BoundedFiles;
import io.onebit.model.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run's per-epoch history as {@code onebit train} writes it beside the model
 * ({@code model.metrics.json}: a list of the trainer's EpochMetrics). Only the fields plotted are
 * read; fields added later are ignored, so old and new files both load.
 *
 * @param epochs in training order
 */
public record TrainingHistory(List<Epoch> epochs) {
  /**
   * One epoch.
   *
   * @param epoch 1-based
   * @param loss mean training loss
   * @param trainAccuracy fraction in [0, 1]
   * @param testAccuracy fraction in [0, 1]
   * @param ffRatio flip-flop ratio over all binary weights
   * @param c2iRatio fraction of binary weights whose sign differs from the initialisation
   * @param layers the same two ratios per layer
   */
  public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy, double ffRatio, double c2iRatio,
      List<LayerRatios> layers) {}

  /** Flip ratios of one layer in one epoch. */
  public record LayerRatios(String layer, double ffRatio, double c2iRatio) {}

  /**
   * Reads a metrics file.
   *
   * @throws ReportException one line naming the file and what is wrong with it
   */
  public static TrainingHistory read(Path file) {
    JsonNode root;
    byte[] bytes;
    try { // bounded: /dev/zero must not fill the heap
      bytes = BoundedFiles.read(file, BoundedFiles.MODEL_LIMIT);
    } catch (IOException e) {
      throw new ReportException(file + ": " + e.getMessage());
    }
    try {
      root = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new ReportException(file + ": not a metrics file (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new ReportException(file + ": expected a non-empty JSON list of epochs (model.metrics.json from onebit train)");
    }
    List<Epoch> epochs = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode e = root.get(i);
      String where = file + ": epoch entry " + i;
      List<LayerRatios> layers = new ArrayList<>();
      JsonNode layerList = e.path("layers");
      for (int l = 0; l < layerList.size(); l++) {
        JsonNode layer = layerList.get(l);
        layers.add(new LayerRatios(layer.path("layer").asText("layer " + l), number(layer, "ff_ratio", where),
            number(layer, "c2i_ratio", where)));
      }
      epochs.add(new Epoch(required(e, "epoch", where).asInt(), number(e, "loss", where), number(e, "train_accuracy", where),
          number(e, "test_accuracy", where), e.has("ff_ratio") ? number(e, "ff_ratio", where) : 0,
          e.has("c2i_ratio") ? number(e, "c2i_ratio", where) : 0, List.copyOf(layers)));
    }
    return new TrainingHistory(List.copyOf(epochs));
  }

  /** Whether any epoch has per-layer flip ratios. */
  public boolean hasLayerRatios() {
    return epochs.stream().anyMatch(e -> !e.layers().isEmpty());
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new ReportException(where + ": missing number '" + field + "'");
    }
    return v;
  }

  private static double number(JsonNode node, String field, String where) {
    return required(node, field, where).asDouble();
  }
}
