package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code P <index> <encode ticks> <layer 0 ticks> ...} lines a profiled harness prints
 * (built with {@code PROFILE_FLAGS=-DONEBIT_PROFILE_LAYERS}), averaged over the samples.
 */
public final class LayerProfile {
  private LayerProfile() {}

  /**
   * Mean SysTick ticks per segment: element 0 is the input encoding, element i + 1 layer i.
   *
   * @param segments expected segments per line (layers + 1)
   * @throws CodegenException if there is no P line or one has the wrong length
   */
  public static double[] meanTicks(String output, int segments, String source) {
    double[] sum = new double[segments];
    int lines = 0;
    for (String line : output.split("\\R")) {
      String[] f = line.strip().split(" ");
      if (!f[0].equals("P")) {
        continue;
      }
      if (f.length != 2 + segments) {
        throw new CodegenException(source + ": profile line '" + line.strip() + "' has " + (f.length - 2)
            + " segments, expected " + segments);
      }
      for (int i = 0; i < segments; i++) {
        sum[i] += Long.parseLong(f[2 + i]);
      }
      lines++;
    }
    if (lines == 0) {
      throw new CodegenException(source + ": no per-layer profile lines (P ...) in the output");
    }
    for (int i = 0; i < segments; i++) {
      sum[i] /= lines;
    }
    return sum;
  }

  /** Names of the segments: {@code encode}, then {@code layer i (type inputs->outputs)}. */
  public static List<String> segmentNames(io.onebit.model.DeployModel model) {
    List<String> names = new ArrayList<>();
    names.add("encode");
    for (int i = 0; i < model.layers().size(); i++) {
      var layer = model.layers().get(i);
      names.add("layer " + i + " (" + layer.inputShape() + "->" + layer.outputShape() + ")");
    }
    return names;
  }
}
