package io.onebit.trainer.method.rl.bitnet;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.Network;
import java.util.Random;

/**
 * Throughput of the bit-packed evaluator on a dense network (random weights of the given
 * shape, real samples): whole-network forward passes per second over a population, the
 * incremental single-flip re-evaluation, and all single flips of a network at once. Each figure
 * is the best of several timed rounds after a warm-up, on all cores ({@link Parallel#threads()}),
 * except the single flips, which run on as many threads as there are cores, each with its own
 * flips.
 *
 * @param images images per second through whole networks (population evaluation)
 * @param singleFlips single-flip re-evaluations per second (each over the whole batch)
 * @param allFlipsSeconds seconds to score every single flip of one network on the batch
 */
public record EvaluatorBenchmark(int threads, int batch, int population, long weights, double images,
    double imagesCores, double singleFlips, double singleFlipsCores, double allFlipsSeconds, double allFlipsCores,
    double nearPairsPerSample) {

  /**
   * @param shape the network shape (e.g. {@link BitNet#shapeOf(Network)})
   * @param data the samples (at least {@code batch})
   * @param seconds a rough time budget per measured figure
   */
  public static EvaluatorBenchmark run(BitNet shape, Dataset data, InputEncoding encoding, int batch,
      int population, double seconds, long seed) {
    Random random = new Random(seed);
    EncodedInputs inputs = new EncodedInputs(data.head(batch), encoding);
    var activations = inputs.newBatch();
    int[] order = Network.identity(batch);
    inputs.gather(order, 0, batch, activations);
    long[] bits = activations.packed();
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = data.label(b);
    }
    BitNet[] nets = new BitNet[population];
    for (int n = 0; n < population; n++) {
      nets[n] = randomLike(shape, random);
    }
    BitEvaluator evaluator = new BitEvaluator(SampleReward.NEG_CE, false);
    Pass pass = new Pass(shape, batch);
    Centering c = evaluator.center(nets[0], bits, labels, batch, pass);
    double[] sums = new double[population];
    int[] correct = new int[population];
    double images = rate(seconds, () -> {
      evaluator.population(nets, population, c, bits, labels, batch, sums, correct);
      return (double) population * batch;
    });
    double imagesCores = lastCpuShare;
    FlipEvaluator flips = new FlipEvaluator(SampleReward.NEG_CE);
    double[][] d = new double[shape.layers()][];
    double[][] delta = new double[shape.layers()][];
    for (int l = 0; l < shape.layers(); l++) {
      d[l] = new double[batch * shape.outputs(l)];
      delta[l] = new double[shape.outputs(l) * shape.inputs(l)];
    }
    evaluator.forward(nets[0], c, bits, labels, batch, pass);
    double allFlips = 1 / rate(seconds, () -> {
      flips.allFlips(nets[0], pass, d, delta);
      return 1;
    });
    double allCores = lastCpuShare;
    long near = 0;
    for (double[] dl : d) {
      for (double v : dl) {
        near += v != 0 ? 1 : 0;
      }
    }
    int threads = Parallel.threads();
    long weights = shape.weights();
    double single = rate(seconds, () -> {
      int perThread = 2000;
      Parallel.range(threads, 1, (from, to) -> {
        FlipEvaluator.Scratch scratch = new FlipEvaluator.Scratch(shape);
        Random r = new Random(seed + from);
        for (int t = from; t < to; t++) {
          for (int k = 0; k < perThread; k++) {
            long w = (long) (r.nextDouble() * weights);
            int l = 0;
            while (w >= (long) shape.outputs(l) * shape.inputs(l)) {
              w -= (long) shape.outputs(l) * shape.inputs(l);
              l++;
            }
            flips.flipDelta(nets[0], pass, l, (int) (w / shape.inputs(l)), (int) (w % shape.inputs(l)), scratch);
          }
        }
      });
      return (double) perThread * threads;
    });
    return new EvaluatorBenchmark(threads, batch, population, weights, images, imagesCores, single, lastCpuShare,
        allFlips, allCores, near / (double) batch);
  }

  private static BitNet randomLike(BitNet shape, Random random) {
    BitNet net = shape.copy();
    for (int l = 0; l < net.layers(); l++) {
      long[] rows = net.rows(l);
      int rl = net.rowLongs(l);
      int fanIn = net.inputs(l);
      for (int j = 0; j < net.outputs(l); j++) {
        for (int t = 0; t < rl; t++) {
          int left = fanIn - (t << 6);
          long valid = left >= 64 ? -1L : (1L << left) - 1;
          rows[j * rl + t] = random.nextLong() & valid;
        }
      }
    }
    return net;
  }

  private interface Work {
    /** Runs once; returns the units done. */
    double run();
  }

  /** Units per second: the best of 5 rounds of about {@code seconds}/5 each, after one warm-up round. */
  private static double rate(double seconds, Work work) {
    double best = 0;
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int round = 0; round <= 5; round++) {
      long start = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      double units = 0;
      long budget = (long) (seconds / 5 * 1e9);
      do {
        units += work.run();
      } while (System.nanoTime() - start < budget);
      double wall = (System.nanoTime() - start) / 1e9;
      double r = units / wall;
      if (round > 0 && r > best) {
        best = r;
        lastCpuShare = (os.getProcessCpuTime() - cpu) / 1e9 / wall;
      }
    }
    return best;
  }

  /** Cores' worth of CPU time the process got during the best round of the last {@link #rate}. */
  private static double lastCpuShare;

  /** The figures as the command prints them. */
  public String describe() {
    return String.format("%d-thread evaluator, %,d weights, batch %,d (CPU: cores' worth of CPU time the process got;"
        + " per core-second: the rate divided by it)%n"
        + "  whole-network forward (population of %d): %,.0f images/s (CPU %.2f; %,.0f per core-second)%n"
        + "  incremental single-flip re-evaluation: %,.0f flips/s = %,.0f sample re-evaluations/s (CPU %.2f;"
        + " %,.0f flips per core-second)%n"
        + "  all %,d single flips of one network: %.1f ms (CPU %.2f; %.1f core-ms), %.1f near neuron-sample pairs"
        + " per sample",
        threads, weights, batch, population, images, imagesCores, images / imagesCores, singleFlips,
        singleFlips * batch, singleFlipsCores, singleFlips / singleFlipsCores, weights, allFlipsSeconds * 1e3,
        allFlipsCores, allFlipsSeconds * 1e3 * allFlipsCores, nearPairsPerSample);
  }
}
