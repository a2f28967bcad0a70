package io.onebit.cli;

import io.onebit.model.Json;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.LoadedData;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.train.TrainConfig;
import io.onebit.trainer.train.Trainer;
import io.onebit.trainer.train.TrainingListener;
import io.onebit.trainer.train.TrainingResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit bench-train}: trains like {@code train} (same options) without writing a model,
 * and reports seconds per epoch, images per second, test accuracy and where the time goes: data,
 * forward and backward per layer, loss, optimizer, weight refresh, flip counting, evaluation.
 */
@Command(name = "bench-train", mixinStandardHelpOptions = true,
    description = {"Measure training speed: seconds per epoch, images per second, accuracy, and the time per phase"
        + " and per layer. Takes every option of train; 1 epoch by default; writes nothing."})
final class BenchTrainCommand implements Callable<Integer> {
  /** One epoch unless told otherwise: the figure is per epoch. */
  static final String EPOCHS = "1";

  @Mixin
  TrainingOptions options;

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = options.config(spec);
    LoadedData loaded = data.load(null);
    Dataset train = loaded.train();
    Dataset test = loaded.validation() != null ? loaded.validation() : loaded.test();
    TrainingRun.checkBeforeWork(config, train, loaded);
    TrainingProfile profile = TrainingProfile.on();
    TrainingResult r = Trainer.train(config, train, test, Trainer.Options.defaults()
        .withListener(json ? TrainingListener.NONE : new ProgressListener(false)).withProfile(profile)
        .withValidation(loaded.validation() != null));
    int epochs = r.epochs().size();
    double perEpoch = r.secondsPerEpoch();
    int images = (train.count() / config.batchSize()) * config.batchSize();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("architecture", config.architecture().name());
    out.put("dataset", loaded.source());
    out.put("epochs", epochs);
    out.put("batch_size", config.batchSize());
    out.put("threads", Parallel.threads());
    out.put("seconds_per_epoch", perEpoch);
    out.put("images_per_second", images / perEpoch);
    out.put("test_accuracy", r.testAccuracy());
    Map<String, Double> phases = new LinkedHashMap<>();
    profile.seconds().forEach((p, s) -> phases.put(p.name().toLowerCase(Locale.ROOT), s / epochs));
    out.put("phase_seconds_per_epoch", phases);
    List<Map<String, Object>> layers = new ArrayList<>();
    profile.layerSeconds().forEach((name, s) -> {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("layer", name);
      l.put("forward_seconds_per_epoch", s[0] / epochs);
      l.put("backward_seconds_per_epoch", s[1] / epochs);
      layers.add(l);
    });
    out.put("layers", layers);
    out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(out));
      return 0;
    }
    print(out, phases, layers, perEpoch);
    return 0;
  }

  private static void print(Map<String, Object> out, Map<String, Double> phases, List<Map<String, Object>> layers,
      double perEpoch) {
    var o = Console.out();
    o.printf(Locale.ROOT, "bench-train: %s on %s, %d epoch(s), batch %d, %d threads (load average %.1f)%n",
        out.get("architecture"), out.get("dataset"), (Integer) out.get("epochs"), (Integer) out.get("batch_size"),
        (Integer) out.get("threads"), (Double) out.get("load_average"));
    o.printf(Locale.ROOT, "seconds per epoch   %8.2f   (%,.0f images/s)%n", perEpoch, (Double) out.get("images_per_second"));
    o.printf(Locale.ROOT, "test accuracy       %8.2f %%%n", 100 * (Double) out.get("test_accuracy"));
    o.println("time per epoch by phase:");
    phases.forEach((name, s) -> o.printf(Locale.ROOT, "  %-12s %8.2f s  %5.1f %%%n", name, s, 100 * s / perEpoch));
    o.println("forward and backward per layer (s per epoch):");
    for (Map<String, Object> l : layers) {
      o.printf(Locale.ROOT, "  %-44s %8.2f  %8.2f%n", l.get("layer"), (Double) l.get("forward_seconds_per_epoch"),
          (Double) l.get("backward_seconds_per_epoch"));
    }
  }
}
