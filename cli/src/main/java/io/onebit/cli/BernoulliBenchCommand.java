package io.onebit.cli;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.bernoulli.ApproximationError;
import io.onebit.trainer.method.bernoulli.SpeedComparison;
import io.onebit.trainer.method.bernoulli.ToyStudy;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingHyperparameters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onebit bernoulli-bench}: the figures of the Bernoulli trainer that are not a training
 * run: the study's toy experiment, the error of the normal approximation, and the training speed
 * of every sum/gradient option beside STE on one network (side by side, taking turns).
 */
@Command(name = "bernoulli-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of --method bernoulli: the study's toy experiment, where the normal approximation breaks,"
        + " and seconds per epoch of every sum/gradient option against STE.",
    subcommands = {BernoulliBenchCommand.Toy.class, BernoulliBenchCommand.Approximation.class,
        BernoulliBenchCommand.Speed.class})
final class BernoulliBenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new IllegalArgumentException("name a benchmark: toy, approximation or speed (see --help)");
  }

  /** The machine's one-minute load average, for the record beside any timing. */
  static String load() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "load average %.2f on %d cores", l, Runtime.getRuntime().availableProcessors());
  }

  @Command(name = "toy", mixinStandardHelpOptions = true,
      description = "The study's toy experiment: iterations to learn a random +-1 matrix, per gradient rule.")
  static final class Toy implements Callable<Integer> {
    @Option(names = "--inputs", defaultValue = "16", description = "fan-in N; default ${DEFAULT-VALUE}")
    int inputs;

    @Option(names = "--outputs", defaultValue = "4", description = "outputs M; default ${DEFAULT-VALUE}")
    int outputs;

    @Option(names = "--batch", defaultValue = "32", description = "random pairs per iteration; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1.0", description = "gradient-descent step on the logits; default ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--trials", defaultValue = "100", description = "default ${DEFAULT-VALUE}")
    int trials;

    @Option(names = "--max-iterations", defaultValue = "1000", description = "default ${DEFAULT-VALUE}")
    int maxIterations;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
      if (inputs < 1 || inputs > 4096 || outputs < 1 || batch < 1 || trials < 1 || maxIterations < 1 || !(lr > 0)) {
        throw new IllegalArgumentException("toy: --inputs 1..4096, --outputs, --batch, --trials and --max-iterations"
            + " at least 1, --lr > 0");
      }
      ToyStudy.Setup setup = new ToyStudy.Setup(inputs, outputs, batch, lr, trials, maxIterations, seed);
      Console.out().print(ToyStudy.markdown(setup, ToyStudy.run(setup)));
      return 0;
    }
  }

  @Command(name = "approximation", mixinStandardHelpOptions = true,
      description = "Error of the normal and Edgeworth approximations (and of the central-equation gradients) against"
          + " the exact Poisson binomial, by fan-in and by how decided the probabilities are.")
  static final class Approximation implements Callable<Integer> {
    @Option(names = "--draws", defaultValue = "50", description = "random probability vectors per cell; default ${DEFAULT-VALUE}")
    int draws;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
      if (draws < 1) {
        throw new IllegalArgumentException("--draws must be at least 1, not " + draws);
      }
      Console.out().print(ApproximationError.markdown(draws, seed, ApproximationError.run(draws, seed)));
      return 0;
    }
  }

  @Command(name = "speed", mixinStandardHelpOptions = true,
      description = "Seconds per training step and per epoch of STE and every Bernoulli sum/gradient option on one"
          + " network, side by side (the recipes take turns, so load changes fall on all alike).")
  static final class Speed implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "seed-cnn", completionCandidates = ArchitectureNames.class,
        description = "${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--arch-file", paramLabel = "FILE", description = "an architecture file instead of --arch")
    Path archFile;

    @Option(names = "--dataset", defaultValue = "mnist", description = "default ${DEFAULT-VALUE}")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "a directory that already holds the IDX files")
    Path dataDir;

    @Option(names = "--batches", defaultValue = "10", description = "steps per recipe per round; default ${DEFAULT-VALUE}")
    int batches;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds after the warm-up; default ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "3", description = "untimed steps per recipe first (they also train"
        + " it); default ${DEFAULT-VALUE}")
    int warmUp;

    @Option(names = "--recipe", paramLabel = "LABEL", description = "only these recipes (repeatable): "
        + "ste, 'bernoulli normal', 'bernoulli edgeworth', 'bernoulli exact/central3', 'bernoulli exact/central5',"
        + " 'bernoulli exact/exact'; default all")
    List<String> only;

    @Override
    public Integer call() throws IOException {
      if (batches < 1 || rounds < 1 || warmUp < 0) {
        throw new IllegalArgumentException("--batches and --rounds must be at least 1, --warm-up at least 0");
      }
      Architecture architecture = archFile != null ? Architecture.fromFile(archFile) : Architecture.named(arch);
      Map<String, Map<String, String>> standard = SpeedComparison.standardRecipes();
      List<SpeedComparison.Recipe> recipes = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : standard.entrySet()) {
        if (only == null || only.contains(e.getKey())) {
          recipes.add(new SpeedComparison.Recipe(e.getKey(), settings(e.getValue())));
        }
      }
      if (only != null && recipes.size() != only.size()) {
        throw new IllegalArgumentException("unknown --recipe among " + only + " (known: " + standard.keySet() + ")");
      }
      Dataset train = Datasets.load(dataset, "train", dataDir, Console::log);
      String before = load();
      Console.log("speed: " + before);
      List<SpeedComparison.Row> rows = SpeedComparison.run(architecture, train, Settings.defaults().with(Trainer.EPOCHS,
          20), recipes, batches, rounds, warmUp, Console::log);
      String after = load();
      Console.out().print(SpeedComparison.markdown(String.format(Locale.ROOT,
          "%s on %s, batch %d, %d warm-up steps, then %d rounds of %d steps per recipe (%s before, %s after)",
          architecture.name(), dataset, Trainer.BATCH_SIZE.defaultValue(), warmUp, rounds, batches, before, after),
          rows));
      return 0;
    }

    private static Settings settings(Map<String, String> values) {
      Settings s = Settings.defaults();
      for (Map.Entry<String, String> e : values.entrySet()) {
        s = with(s, TrainingHyperparameters.named(e.getKey()), e.getValue());
      }
      return s;
    }

    private static <T> Settings with(Settings s, Hyperparameter<T> h, String text) {
      return s.with(h, h.parse(text, h.option()));
    }
  }
}
