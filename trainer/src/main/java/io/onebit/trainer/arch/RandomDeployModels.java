package io.onebit.trainer.arch;

import io.onebit.model.CNames;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random but valid deploy models of an architecture's shape, for benchmarks of shapes no one has
 * trained (instruction counts depend on the shape and on the activations' density, not on what
 * the weights learned). The architecture becomes a {@link RandomModels#fromSpec} layer list.
 */
public final class RandomDeployModels {
  private RandomDeployModels() {}

  /** A random model of {@code arch} on {@code height x width x channels} input with {@code classes} outputs. */
  public static DeployModel of(Architecture arch, int height, int width, int channels, int classes, long seed) {
    InputSpec input = arch.bitplanes() ? InputSpec.bitplanes(height, width, channels)
        : InputSpec.thresholded(height, width, channels, 128);
    String name = CNames.identifier(arch.name() + "_random");
    DeployModel model = arch.isFullyConnected()
        ? RandomModels.dense(name, input, widths(arch, classes), new Random(seed))
        : RandomModels.fromSpec(name, input, spec(arch, classes), new Random(seed));
    return DeployModel.of(name, input, model.layers(), Map.of("source", "random", "architecture", arch.name()));
  }

  /** The layer list: conv/maxpool as they are, a flatten before the first dense layer, then the output. */
  static String spec(Architecture arch, int classes) {
    StringJoiner spec = new StringJoiner(",");
    boolean flat = false;
    for (LayerSpec layer : arch.layers()) {
      if (layer.isDense() && !flat && hasSpatialLayers(arch)) {
        spec.add("flatten");
      }
      flat |= layer.isDense();
      spec.add(layer.randomSpec());
    }
    if (!flat && hasSpatialLayers(arch)) {
      spec.add("flatten");
    }
    return spec.add("out" + classes).toString();
  }

  private static int[] widths(Architecture arch, int classes) {
    int[] widths = new int[arch.layers().size() + 1];
    for (int i = 0; i < arch.layers().size(); i++) {
      widths[i] = arch.layers().get(i).units();
    }
    widths[widths.length - 1] = classes;
    return widths;
  }

  private static boolean hasSpatialLayers(Architecture arch) {
    return arch.layers().stream().anyMatch(l -> !l.isDense());
  }
}
