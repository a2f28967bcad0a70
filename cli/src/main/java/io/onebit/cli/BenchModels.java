package io.onebit.cli;

import io.onebit.codegen.ReferenceShapes;
import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The models {@code onebit bench --model} accepts: a deploy-model file from {@code onebit train},
 * or {@code random:tfc|sfc|lfc}, a random model of that shape on thresholded MNIST input, or
 * {@code random:cnn-ref}, issue 6's convolutional shape on 8-bit input ({@link ReferenceShapes}).
 */
final class BenchModels {
  static final String RANDOM = "random:";
  /** Hidden widths and the 10 classes of the BNN literature's fully connected MNIST networks. */
  private static final Map<String, int[]> SHAPES = Map.of(
      "tfc", new int[] {64, 64, 64, 10},
      "sfc", new int[] {256, 256, 256, 10},
      "lfc", new int[] {1024, 1024, 1024, 10});
  private static final InputSpec MNIST = InputSpec.thresholded(28, 28, 1, 128);
  private static final long SEED = 6;
  private static final String CNN_REF = "cnn-ref";

  private BenchModels() {}

  static DeployModel load(String spec) throws IOException {
    if (!spec.startsWith(RANDOM)) {
      return DeployModelIo.read(Path.of(spec));
    }
    String arch = spec.substring(RANDOM.length());
    if (arch.equals(CNN_REF)) {
      return ReferenceShapes.cnnRef(SEED);
    }
    int[] widths = SHAPES.get(arch);
    if (widths == null) {
      throw new IllegalArgumentException("--model " + spec + ": unknown shape '" + arch + "' (known: random:tfc, random:sfc, random:lfc, random:cnn-ref)");
    }
    return RandomModels.dense(arch + "_random", MNIST, widths, new Random(SEED));
  }
}
