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
          + "; or an architecture file)");
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
    return sizes(inputShape, classes).weights();
  }

  /**
   * What the network holds, in 64-bit (a shape from a file may overflow an int).
   *
   * @param weights binary weights, the output layer included
   * @param activations ±1 or real activations one sample produces: every layer's output, a conv's
   *     before its pooling too
   * @param largestArray the most elements of one layer's weights or of one sample's activation
   *     tensor: each is one Java array in the trainer and the golden model
   */
  public record Sizes(long weights, long activations, long largestArray) {}

  /** Checks as {@link #binaryWeights} and returns the sizes. */
  public Sizes sizes(TensorShape inputShape, int classes) {
    long bits = 0;
    long activations = 0;
    long largest = 0;
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
      long layerBits = layer.binaryWeights(shape);
      shape = layer.outputShape(shape, where);
      long elements = shape.elementCount();
      bits = sum(bits, layerBits);
      activations = sum(activations, elements);
      largest = Math.max(largest, Math.max(layerBits, elements));
      previous = layer;
    }
    if (layers.isEmpty() && bitplanes()) {
      throw new IllegalArgumentException(source + ": an 8-bit ('bitplanes') input needs a conv first layer");
    }
    long outputBits = product(shape.elementCount(), classes);
    return new Sizes(sum(bits, outputBits), sum(activations, classes), Math.max(largest, outputBits));
  }

  /**
   * Refuses, before any data is loaded or any array allocated, a network this JVM cannot train: a
   * layer whose weights or one sample's activations exceed one Java array (2^31 - 8 elements), or
   * whose lower bound of training memory exceeds the heap. The bound counts 4 bytes per latent
   * weight and 4 bytes per activation of every sample in a batch (every training method keeps at
   * least a real per weight and the forward activations for the backward pass), so it never refuses
   * what could be trained; optimizer state and gradients come on top.
   *
   * @param batchSize samples held at once
   * @param heapBytes the JVM's limit, {@code Runtime.getRuntime().maxMemory()}
   */
  public Sizes requireTrainable(TensorShape inputShape, int classes, int batchSize, long heapBytes) {
    Sizes sizes = sizes(inputShape, classes);
    if (sizes.largestArray() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: a layer holds %,d weights or activations, more than one array can (2,147,483,639)", source,
          sizes.largestArray()));
    }
    long need = sum(product(4, sizes.weights()), product(4, batchSize, sizes.activations()));
    if (need > heapBytes) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: training needs at least %,d MiB (%,d weights, %,d activations per sample, batch %d), more than"
              + " this JVM's %,d MiB (raise it with ONEBIT_JAVA_OPTS=-Xmx..., or use a smaller network or batch)",
          source, need >> 20, sizes.weights(), sizes.activations(), batchSize, heapBytes >> 20));
    }
    return sizes;
  }

  /** The product, saturated at Long.MAX_VALUE (sizes of absurd files must compare as huge, not wrap). */
  static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      try {
        p = Math.multiplyExact(p, f);
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return p;
  }

  static long sum(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }
}
