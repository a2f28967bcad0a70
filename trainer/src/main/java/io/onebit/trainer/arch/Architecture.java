package io.onebit.trainer.arch;

import io.onebit.model.TensorShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network shape: how the input is encoded and the hidden layers, read from a JSON file
 * ({@link ArchitectureFile}). Named ones ship as {@code archs/NAME.json} (on the classpath):
 * FINN's fully connected MNIST topologies TFC (64³), SFC (256³), LFC (1024³), and the CNNs
 * cnn-s, fashion-cnn, seed-cnn, cnn-ref.
 *
 * @param name the name used on the command line and in the deploy model
 * @param input {@link #THRESHOLD} (1-bit input: pixel ≥ threshold is +1) or {@link #BITPLANES}
 *     (raw 8-bit input to a first conv with ±1 weights, BinaryNet's first layer)
 * @param layers hidden layers in order; the output dense layer is implicit
 * @param source where it was read from (a file, or archs/NAME.json), for error messages
 */
public record Architecture(String name, String input, List<LayerSpec> layers, String source) {
  public static final String THRESHOLD = "threshold";
  public static final String BITPLANES = "bitplanes";
  /** The architectures shipped in {@code archs/}. */
  public static final List<String> NAMES = List.of("tfc", "sfc", "lfc", "cnn-s", "fashion-cnn", "seed-cnn", "cnn-ref",
      "digits-cnn", "motion-1d", "shapes-cnn", "tabular-8bit");

  public Architecture {
    layers = List.copyOf(layers);
  }

  /** An architecture built in code (its name serves as the source). */
  public Architecture(String name, String input, List<LayerSpec> layers) {
    this(name, input, layers, name);
  }

  /** A fully connected architecture with thresholded input. */
  public static Architecture mlp(String name, int... hidden) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int h : hidden) {
      layers.add(LayerSpec.dense(h));
    }
    return new Architecture(name, THRESHOLD, layers);
  }

  /** A shipped architecture by name (case-insensitive). */
  public static Architecture named(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(key)) {
      throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + String.join(", ", NAMES)
          + "; or --arch-file FILE)");
    }
    String resource = "/archs/" + key + ".json";
    try (InputStream in = Architecture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("architecture resource " + resource + " is missing from the build");
      }
      return ArchitectureFile.parse(in.readAllBytes(), "archs/" + key + ".json");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** An architecture file a user wrote; errors name the file and the problem. */
  public static Architecture fromFile(Path file) {
    return ArchitectureFile.read(file);
  }

  public static List<String> names() {
    return NAMES;
  }

  public boolean bitplanes() {
    return BITPLANES.equals(input);
  }

  /** True for a network of dense layers only on thresholded input (tfc, sfc, lfc). */
  public boolean isFullyConnected() {
    return !bitplanes() && layers.stream().allMatch(LayerSpec::isDense);
  }

  /**
   * Checks the layer order and that every window fits, for an input of the given shape, and
   * returns the number of binary weights (the output layer included).
   */
  public long binaryWeights(TensorShape inputShape, int classes) {
    long bits = 0;
    TensorShape shape = inputShape;
    LayerSpec previous = null;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      String where = source + ": layer " + (i + 1) + " (" + layer.type() + ")";
      if (layer.isConv() && previous != null && previous.isDense()) {
        throw new IllegalArgumentException(where + ": a conv cannot follow a dense layer");
      }
      if (layer.isMaxpool() && (previous == null || !previous.isConv())) {
        throw new IllegalArgumentException(where + ": a maxpool must directly follow a conv layer");
      }
      if (i == 0 && layer.isDense() && bitplanes()) {
        throw new IllegalArgumentException(where + ": an 8-bit ('bitplanes') input needs a conv first layer");
      }
      bits += layer.binaryWeights(shape);
      shape = layer.outputShape(shape, where);
      previous = layer;
    }
    if (layers.isEmpty() && bitplanes()) {
      throw new IllegalArgumentException(source + ": an 8-bit ('bitplanes') input needs a conv first layer");
    }
    return bits + (long) shape.elements() * classes;
  }
}
