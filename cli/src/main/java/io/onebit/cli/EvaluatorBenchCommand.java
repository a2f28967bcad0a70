package io.onebit.cli;

import io.onebit.model.Json;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.Datasets;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.method.rl.bitnet.EvaluatorBenchmark;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.quant.PlainSign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onebit bench-evaluator}: throughput of the gradient-free methods' bit-packed evaluator
 * on real samples: whole-network forward passes per second, incremental single-flip
 * re-evaluations per second, and the time to score every single flip of a network.
 */
@Command(name = "bench-evaluator", mixinStandardHelpOptions = true,
    description = {"Measure the bit-packed evaluator of --method rl|es|local-search on a dense architecture:"
        + " images per second through whole networks, single-flip re-evaluations per second, all flips of a network.",
        "Prints the machine's load average with the figures: on a shared machine they are lower bounds."})
final class EvaluatorBenchCommand implements Callable<Integer> {
  @Option(names = "--arch", defaultValue = "tfc", description = "a dense architecture (tfc, sfc, lfc); default ${DEFAULT-VALUE}")
  String arch;

  @Option(names = "--arch-file", paramLabel = "FILE", description = "an architecture file; overrides --arch")
  Path archFile;

  @Option(names = "--dataset", defaultValue = "mnist", description = "default ${DEFAULT-VALUE}")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--batch", defaultValue = "1000", paramLabel = "N", description = "samples per evaluation; default ${DEFAULT-VALUE}")
  int batch;

  @Option(names = "--population", defaultValue = "16", paramLabel = "N",
      description = "networks evaluated together; default ${DEFAULT-VALUE}")
  int population;

  @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
      description = "measuring time per figure (best of 5 rounds after a warm-up); default ${DEFAULT-VALUE}")
  double seconds;

  @Option(names = "--input-threshold", defaultValue = "64", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  int threshold;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (batch < 2 || population < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("--batch must be at least 2, --population at least 1, --seconds positive");
    }
    Architecture architecture = archFile != null ? Architecture.fromFile(archFile) : Architecture.named(arch);
    if (!architecture.isFullyConnected()) {
      throw new IllegalArgumentException(architecture.name() + " has convolutions: the bit-packed evaluator takes"
          + " fully connected networks on 1-bit input (tfc, sfc, lfc)");
    }
    Dataset train = Datasets.load(dataset, "train", dataDir, Console::log);
    if (train.count() < batch) {
      throw new IllegalArgumentException("--batch " + batch + " is larger than the " + train.count() + " samples");
    }
    InputEncoding encoding = new InputEncoding.Threshold(threshold);
    BitNet shape = BitNet.shapeOf(NetworkBuilder.build(architecture, EncodedInputs.shapeOf(train), train.classes(),
        encoding, new PlainSign(), false, new Random(1)));
    String loadBefore = loadAverage();
    EvaluatorBenchmark r = EvaluatorBenchmark.run(shape, train, encoding, batch, population, seconds, 1);
    String loadAfter = loadAverage();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("architecture", architecture.name());
      out.put("threads", r.threads());
      out.put("batch", r.batch());
      out.put("population", r.population());
      out.put("weights", r.weights());
      out.put("images_per_second", r.images());
      out.put("images_cpu_cores", r.imagesCores());
      out.put("single_flips_per_second", r.singleFlips());
      out.put("single_flips_cpu_cores", r.singleFlipsCores());
      out.put("all_flips_seconds", r.allFlipsSeconds());
      out.put("all_flips_cpu_cores", r.allFlipsCores());
      out.put("near_pairs_per_sample", r.nearPairsPerSample());
      out.put("load_average_before", loadBefore);
      out.put("load_average_after", loadAfter);
      Console.out().println(Json.mapper().writeValueAsString(out));
    } else {
      Console.out().println(architecture.name() + ": " + r.describe());
      Console.out().println("load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + "; "
          + Runtime.getRuntime().availableProcessors() + " cores");
    }
    return 0;
  }

  /** The first three fields of /proc/loadavg, or "n/a" where there is none. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
