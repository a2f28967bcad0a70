package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.ModelFormatException;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models {@code onebit bench --model} accepts: a deploy-model file from {@code onebit train},
 * or {@code random:ARCH}, a random model of a shipped architecture's shape (tfc, sfc, lfc, cnn-s,
 * fashion-cnn, seed-cnn, cnn-ref) or of an architecture file, on 28x28x1 input with 10 classes.
 */
final class BenchModels {
  static final String RANDOM = "random:";
  private static final long SEED = 6;

  private BenchModels() {}

  static DeployModel load(String spec) throws IOException {
    if (!spec.startsWith(RANDOM)) {
      return DeployModelIo.read(Path.of(spec));
    }
    String arch = spec.substring(RANDOM.length());
    Architecture architecture;
    try {
      boolean file = Files.exists(Path.of(arch)) || arch.endsWith(".json") || arch.contains("/");
      architecture = file ? Architecture.fromFile(Path.of(arch)) : Architecture.named(arch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model " + spec + ": "
          + e.getMessage().replace("; or an architecture file)", "; or random:FILE.json for an architecture file)"), e);
    }
    try {
      return RandomDeployModels.of(architecture, 28, 28, 1, 10, SEED);
    } catch (IllegalArgumentException | ModelFormatException e) {
      throw new IllegalArgumentException("--model " + spec + ": " + e.getMessage(), e);
    }
  }
}
