package io.onebit.trainer.method.bernoulli;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.loss.ClassLoss;
import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training speed of several recipes on the same network, measured side by side: each recipe gets
 * its own network and batch step (as the trainer builds them, same seed), and the recipes take
 * turns, {@code batches} steps each, for {@code rounds} rounds after a warm-up round of
 * {@code warmUp} steps each (which also trains them: the exact sum's cost falls as the weights
 * decide), so that a change in the machine's load falls on all of them alike. Seconds per epoch = the mean time of a
 * step (the method's update only: no data gathering, no per-epoch evaluation) × steps per epoch.
 * The figures are meaningful as ratios; the load average is reported with them.
 */
public final class SpeedComparison {
  /** A recipe: a label and the hyperparameters over the run's (e.g. {@code --method bernoulli --bernoulli-sum exact}). */
  public record Recipe(String label, Settings settings) {}

  /** Mean seconds per step and per epoch of one recipe, and its ratio to the first recipe. */
  public record Row(String label, double secondsPerStep, double secondsPerEpoch, double ratio) {}

  private SpeedComparison() {}

  /**
   * @param base settings common to all recipes (batch size, seed, ...)
   * @param log receives one line per round
   */
  public static List<Row> run(Architecture arch, Dataset train, Settings base, List<Recipe> recipes, int batches,
      int rounds, int warmUp, java.util.function.Consumer<String> log) {
    List<BatchStep> steps = new ArrayList<>();
    List<Batch> inputs = new ArrayList<>();
    int batchSize = 0;
    EncodedInputs data = null;
    for (Recipe r : recipes) {
      TrainConfig config = new TrainConfig(arch, base.overriddenBy(r.settings()), null);
      batchSize = config.batchSize();
      data = new EncodedInputs(train, config.inputEncoding());
      TrainingMethod method = config.method();
      Random random = new Random(config.seed());
      Network network = NetworkBuilder.build(arch, data.shape(), train.classes(), config.inputEncoding(),
          method.activationQuantizer(), config.shiftBatchNorm(), random);
      MethodContext context = new MethodContext(network, config.settings(), config.optimizer(), ClassLoss.CROSS_ENTROPY,
          random, data, TrainingProfile.off(), data);
      steps.add(method.stages(config.epochs()).get(0).begin(context));
      inputs.add(new Batch(data.newBatch(), data.labels(), batchSize));
    }
    int perEpoch = data.count() / batchSize;
    int[] order = Network.identity(data.count());
    double[] total = new double[recipes.size()];
    int[] cursor = new int[recipes.size()];
    for (int round = 0; round <= rounds; round++) {
      if (round == 0 && warmUp == 0) {
        continue;
      }
      StringBuilder line = new StringBuilder(round == 0 ? "warm-up" : "round " + round);
      for (int i = 0; i < recipes.size(); i++) {
        Batch batch = inputs.get(i);
        long elapsed = 0;
        int count = round == 0 ? warmUp : batches;
        for (int b = 0; b < count; b++) {
          int from = (cursor[i] % perEpoch) * batchSize;
          cursor[i]++;
          Activations in = batch.input();
          data.gather(order, from, batchSize, in);
          System.arraycopy(order, from, batch.labelIndex(), 0, batchSize);
          batch.correct()[0] = 0;
          long start = System.nanoTime();
          steps.get(i).step(batch, 1e-3f);
          elapsed += System.nanoTime() - start;
        }
        double perStep = count == 0 ? 0 : elapsed / 1e9 / count;
        if (round > 0) {
          total[i] += perStep;
        }
        line.append(String.format(Locale.ROOT, "  %s %.4f s/step", recipes.get(i).label(), perStep));
      }
      log.accept(line.toString());
    }
    List<Row> rows = new ArrayList<>();
    double reference = total[0] / rounds;
    for (int i = 0; i < recipes.size(); i++) {
      double perStep = total[i] / rounds;
      rows.add(new Row(recipes.get(i).label(), perStep, perStep * perEpoch, perStep / reference));
    }
    return rows;
  }

  /** The one-line label → settings pairs of the comparison: STE, then every sum/gradient option. */
  public static Map<String, Map<String, String>> standardRecipes() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    out.put("ste", Map.of("method", "ste"));
    out.put("bernoulli normal", Map.of("method", "bernoulli", "bernoulli-sum", "normal"));
    out.put("bernoulli edgeworth", Map.of("method", "bernoulli", "bernoulli-sum", "edgeworth"));
    out.put("bernoulli exact/central3", Map.of("method", "bernoulli", "bernoulli-sum", "exact", "bernoulli-grad",
        "central3"));
    out.put("bernoulli exact/central5", Map.of("method", "bernoulli", "bernoulli-sum", "exact", "bernoulli-grad",
        "central5"));
    out.put("bernoulli exact/exact", Map.of("method", "bernoulli", "bernoulli-sum", "exact", "bernoulli-grad",
        "exact"));
    return out;
  }

  public static String markdown(String title, List<Row> rows) {
    StringBuilder out = new StringBuilder(title).append("\n\n");
    out.append("| recipe | s / step | s / epoch (steps only) | × first |\n| --- | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f | %.2f |%n", r.label(), r.secondsPerStep(),
          r.secondsPerEpoch(), r.ratio()));
    }
    return out.toString();
  }
}
