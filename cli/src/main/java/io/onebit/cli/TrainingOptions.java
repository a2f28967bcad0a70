package io.onebit.cli;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.TrainingHyperparameters;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options of a training run, shared by {@code train} and {@code quickstart}: the architecture
 * (annotated here, a picocli mixin) and every training hyperparameter, added as options made
 * from its one declaration ({@link TrainingHyperparameters}): name, type, default, help and range
 * come from there, and a value is checked (finite, in range, a known name) as it is parsed.
 */
final class TrainingOptions {
  @Option(names = "--arch", defaultValue = "sfc", completionCandidates = ArchitectureNames.class,
      description = "network, one of archs/*.json: ${COMPLETION-CANDIDATES} (tfc, sfc, lfc: 64, 256, 1024 units x 3);"
          + " default ${DEFAULT-VALUE}")
  String arch;

  @Option(names = "--arch-file", paramLabel = "FILE", description = "an architecture file (JSON, see archs/); overrides --arch")
  Path archFile;

  /**
   * Adds an option per training hyperparameter to {@code spec}.
   *
   * @param defaults defaults that differ from the declarations' (quickstart trains fewer epochs)
   */
  static void addTo(CommandSpec spec, Map<Hyperparameter<?>, String> defaults) {
    for (Hyperparameter<?> h : TrainingHyperparameters.all()) {
      spec.addOption(option(h, defaults.get(h)));
    }
  }

  private static <T> OptionSpec option(Hyperparameter<T> h, String defaultOverride) {
    String fallback = defaultOverride != null ? defaultOverride
        : h.defaultValue() == null || h.isFlag() ? null : String.valueOf(h.defaultValue());
    OptionSpec.Builder b = OptionSpec.builder(h.option())
        // picocli formats descriptions with String.format: a literal % in a help text must be %%
        .description(h.describe().replace("%", "%%") + (fallback != null ? "; default ${DEFAULT-VALUE}" : ""))
        .hasInitialValue(false);
    if (h.isFlag()) {
      return b.type(boolean.class).arity("0").build();
    }
    b.type(h.type()).paramLabel(label(h)).converters(text -> {
      try {
        return h.parse(text, h.option());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    });
    if (fallback != null) {
      b.defaultValue(fallback);
    }
    if (!h.choices().isEmpty()) {
      b.completionCandidates(h.choices());
    }
    return b.build();
  }

  private static String label(Hyperparameter<?> h) {
    if (!h.choices().isEmpty()) {
      return "NAME";
    }
    if (h.type() == Path.class) {
      return "FILE";
    }
    if (h.type() == java.time.Duration.class) {
      return "TIME";
    }
    return h.type() == Float.class ? "X" : "N";
  }

  /** The hyperparameters given on the command line (or whose default the command overrides). */
  static Settings settings(CommandSpec spec) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Settings settings = Settings.defaults();
    for (Hyperparameter<?> h : TrainingHyperparameters.all()) {
      settings = put(settings, h, spec, parsed);
    }
    return settings;
  }

  private static <T> Settings put(Settings settings, Hyperparameter<T> h, CommandSpec spec, ParseResult parsed) {
    OptionSpec o = spec.findOption(h.option());
    boolean overridden = o.defaultValue() != null && !o.defaultValue().equals(String.valueOf(h.defaultValue()));
    if (!parsed.hasMatchedOption(o) && !overridden) {
      return settings;
    }
    Object value = o.getValue();
    if (h.isFlag() && !Boolean.TRUE.equals(value)) {
      return settings;
    }
    return settings.with(h, h.type().cast(value));
  }

  /** The run: architecture, the given hyperparameters, the teacher read from its file. */
  TrainConfig config(CommandSpec spec) {
    Settings settings = settings(spec);
    Architecture architecture;
    try {
      architecture = archFile != null ? Architecture.fromFile(archFile) : Architecture.named(arch);
    } catch (IllegalArgumentException e) {
      // The trainer's message names the file as a library user would; on the command line it is an option.
      throw new IllegalArgumentException(e.getMessage().replace("; or an architecture file)", "; or --arch-file FILE)"),
          e);
    }
    return new TrainConfig(architecture, settings, Distillation.from(settings));
  }

  /** The architecture's name, for messages. */
  String architectureName() {
    return archFile != null ? archFile.toString() : arch;
  }
}
