package io.onebit.trainer.experiment;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.BoundedFiles;
import io.onebit.model.Json;
import io.onebit.model.ModelFormatException;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.JsonSettings;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingHyperparameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A grid of training runs: every architecture × every run × every seed. JSON; every hyperparameter
 * of {@code train} may be set by its snake_case name, at the top level (for every run) or in a run
 * (over the top level); unknown keys are refused. Epochs belong to each architecture entry.
 *
 * <pre>
 * {"dataset": "mnist", "seeds": [1, 2], "augment_probability": 1.0,
 *  "architectures": [{"name": "tfc", "epochs": 20}, {"name": "sfc", "epochs": 10}],
 *  "runs": [{"name": "ste+adam"}, {"name": "ste+sgd", "optimizer": "sgd", "lr": 0.1, "lr_end": 1e-4},
 *           {"name": "distilled", "teacher": "lfc.json", "distill_weight": 0.9, "distill_temperature": 4}]}
 * </pre>
 *
 * A run's {@code teacher} is a deploy-model file (relative to the working directory); each teacher
 * is read once.
 */
public final class ExperimentConfig {
  /** An architecture and the epochs of every run on it. */
  public record ArchitectureEntry(String name, int epochs) {}

  /** One recipe of the grid: its name and the hyperparameters it sets (over the top level). */
  public record Run(String name, Settings settings) {}

  public record Cell(ArchitectureEntry architecture, Run run, long seed) {}

  private static final Set<String> TOP = Set.of("dataset", "seeds", "architectures", "runs");

  private final JsonNode json;
  private final String dataset;
  private final List<Long> seeds = new ArrayList<>();
  private final List<ArchitectureEntry> architectures = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private final Settings common;
  private final Map<Path, Distillation> teachers = new HashMap<>();

  private ExperimentConfig(JsonNode json) {
    this.json = json;
    if (!json.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    List<Hyperparameter<?>> known = new ArrayList<>(TrainingHyperparameters.all());
    known.remove(Trainer.EPOCHS);
    known.remove(Trainer.SEED);
    this.common = JsonSettings.read(json, known, TOP, "top level");
    JsonNode d = json.get("dataset");
    if (d == null || !d.isTextual()) {
      throw new IllegalArgumentException("'dataset' must be a dataset name");
    }
    this.dataset = d.textValue();
    for (JsonNode s : list(json, "seeds")) {
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw new IllegalArgumentException("'seeds' must be whole numbers, got " + s);
      }
      seeds.add(s.longValue());
    }
    for (JsonNode a : list(json, "architectures")) {
      JsonNode name = a.get("name");
      JsonNode epochs = a.get("epochs");
      if (!a.isObject() || name == null || !name.isTextual() || a.size() != 2 || epochs == null) {
        throw new IllegalArgumentException("every architecture entry is {\"name\": NAME, \"epochs\": N}, got " + a);
      }
      architectures.add(new ArchitectureEntry(name.textValue(),
          JsonSettings.value(Trainer.EPOCHS, epochs, "architecture '" + name.textValue() + "': epochs")));
    }
    Set<String> names = new HashSet<>();
    for (JsonNode r : list(json, "runs")) {
      JsonNode name = r.get("name");
      if (!r.isObject() || name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new IllegalArgumentException("every run needs a name, got " + r);
      }
      if (name.textValue().chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("run name '" + name.textValue().replaceAll("\\p{Cntrl}", "?")
            + "' contains a control character (a line break or tab)");
      }
      String where = "run '" + name.textValue() + "'";
      if (!names.add(name.textValue())) {
        throw new IllegalArgumentException(where + " appears twice");
      }
      runs.add(new Run(name.textValue(), JsonSettings.read(r, known, Set.of("name"), where)));
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

  private static List<JsonNode> list(JsonNode root, String key) {
    JsonNode node = root.get(key);
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' must be a non-empty list");
    }
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
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
    return new ExperimentConfig(Json.readTree(json));
  }

  public String dataset() {
    return dataset;
  }

  public List<Long> seeds() {
    return List.copyOf(seeds);
  }

  public List<ArchitectureEntry> architectures() {
    return List.copyOf(architectures);
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }

  /** The config as it was written (for the raw results file). */
  @JsonValue
  public JsonNode json() {
    return json;
  }

  /** The training settings of one cell of the grid. */
  public TrainConfig trainConfig(ArchitectureEntry arch, Run run, long seed) {
    Settings settings = common.overriddenBy(run.settings()).with(Trainer.EPOCHS, arch.epochs())
        .with(Trainer.SEED, seed);
    Path teacher = settings.get(Distillation.TEACHER);
    Distillation distillation = teacher == null ? null
        : teachers.computeIfAbsent(teacher, t -> Distillation.from(settings));
    if (distillation != null) {
      distillation = new Distillation(distillation.teacher(), settings.get(Distillation.WEIGHT),
          settings.get(Distillation.TEMPERATURE));
    }
    return new TrainConfig(Architecture.named(arch.name()), settings, distillation);
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
}
