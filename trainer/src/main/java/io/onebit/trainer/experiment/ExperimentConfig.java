package io.onebit.trainer.experiment;

import io.onebit.model.BoundedFiles;
import io.onebit.model.Json;
import io.onebit.model.DeployModelIo;
import io.onebit.model.ModelFormatException;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.Recipe;
import io.onebit.trainer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grid of training runs: every architecture × every run × every seed. JSON, snake_case keys,
 * unknown keys rejected; every run field but {@code name} is optional and defaults to the
 * {@code train} command's default.
 *
 * <pre>
 * {"dataset": "mnist", "seeds": [1, 2],
 *  "architectures": [{"name": "tfc", "epochs": 20}, {"name": "sfc", "epochs": 10}],
 *  "runs": [{"name": "ste+adam"}, {"name": "ste+sgd", "optimizer": "sgd", "lr": 0.1, "lr_end": 1e-4},
 *           {"name": "distilled", "teacher": "lfc.json", "distill_weight": 0.9, "distill_temperature": 4}]}
 * </pre>
 *
 * A run's {@code teacher} is a deploy-model file (relative to the working directory) to distil from.
 */
public record ExperimentConfig(String dataset, List<Long> seeds, List<ArchitectureEntry> architectures, List<Run> runs,
    Integer batchSize, Integer augmentShift, Integer inputThreshold, Float augmentProbability) {
  /** An architecture and the epochs of every run on it. */
  public record ArchitectureEntry(String name, int epochs) {}

  /** One recipe of the grid; null fields take the {@code train} defaults. */
  public record Run(String name, String method, String optimizer, String quantizer, String weightQuantizer,
      Float weightDecay, Float lr, Float lrEnd, String lrSchedule, Float momentum, Float bopThreshold, Float bopGamma,
      Boolean shiftBatchnorm, Integer stage1Epochs, String teacher, Float distillWeight, Float distillTemperature) {
    public Recipe recipe() {
      Recipe d = Recipe.defaults();
      return new Recipe(or(method, d.method()), or(optimizer, d.optimizer()), or(quantizer, d.quantizer()),
          or(weightQuantizer, d.weightQuantizer()), weightDecay, or(momentum, d.momentum()),
          or(bopThreshold, d.bopThreshold()), or(bopGamma, d.bopGamma()), d.steClip(), d.swishBeta(),
          or(shiftBatchnorm, d.shiftBatchNorm()), or(stage1Epochs, d.firstStageEpochs()));
    }

    public LearningRateSchedule schedule() {
      return LearningRateSchedule.named(or(lrSchedule, "exponential"), or(lr, 1e-2f), or(lrEnd, 1e-5f));
    }

    /** The teacher to distil from (read from its file), or null. */
    public Distillation distillation() {
      if (teacher == null) {
        if (distillWeight != null || distillTemperature != null) {
          throw new IllegalArgumentException("distill_weight and distill_temperature need a teacher");
        }
        return null;
      }
      return new Distillation(DeployModelIo.read(Path.of(teacher)), or(distillWeight, Distillation.DEFAULT_WEIGHT),
          or(distillTemperature, Distillation.DEFAULT_TEMPERATURE));
    }
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** Reads and checks a config; every problem is one line naming the file. */
  public static ExperimentConfig read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, BoundedFiles.CONFIG_LIMIT);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (Json.InvalidJsonException e) {
      throw new IOException(file + ": invalid experiment config: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public static ExperimentConfig parse(byte[] json) throws IOException {
    ExperimentConfig config = Json.read(json, ExperimentConfig.class);
    if (config == null) {
      throw new IllegalArgumentException("the file holds no experiment (null)");
    }
    config.check();
    return config;
  }

  private void check() {
    if (dataset == null || seeds == null || seeds.isEmpty() || architectures == null || architectures.isEmpty()
        || runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("needs dataset, seeds, architectures and runs (none empty)");
    }
    Set<String> names = new HashSet<>();
    for (Run run : runs) {
      if (run.name() == null || run.name().isBlank()) {
        throw new IllegalArgumentException("every run needs a name");
      }
      if (run.name().chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("run name '" + run.name().replaceAll("\\p{Cntrl}", "?")
            + "' contains a control character (a line break or tab)");
      }
      if (!names.add(run.name())) {
        throw new IllegalArgumentException("run name '" + run.name() + "' appears twice");
      }
    }
    for (ArchitectureEntry a : architectures) {
      for (Run run : runs) {
        try {
          trainConfig(a, run, seeds.get(0));
        } catch (IllegalArgumentException | ModelFormatException e) {
          throw new IllegalArgumentException("run '" + run.name() + "' on " + a.name() + ": " + e.getMessage());
        }
      }
    }
  }

  /** The training settings of one cell of the grid. */
  public TrainConfig trainConfig(ArchitectureEntry arch, Run run, long seed) {
    return new TrainConfig(Architecture.named(arch.name()), arch.epochs(), or(batchSize, 100), run.schedule(), seed,
        or(inputThreshold, 64), or(augmentShift, 1), 10000, run.recipe(),
        or(augmentProbability, TrainConfig.DEFAULT_AUGMENT_PROBABILITY), run.distillation());
  }

  /** Every cell, architecture-major, then run, then seed. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (ArchitectureEntry a : architectures) {
      for (Run run : runs) {
        for (long seed : seeds) {
          cells.add(new Cell(a, run, seed));
        }
      }
    }
    return cells;
  }

  public record Cell(ArchitectureEntry architecture, Run run, long seed) {}
}
