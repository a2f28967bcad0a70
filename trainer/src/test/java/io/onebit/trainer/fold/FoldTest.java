package io.onebit.trainer.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.quant.SteSign;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fold, step by step, FINN-style: every step is checked by running the graph before and after it
 * on the same samples, and the first graph against the float network itself. The networks are
 * random, with BatchNorm statistics that give every kind of channel: positive, negative and zero
 * scales, thresholds inside and beyond the reachable range.
 */
class FoldTest {
  private static final Architecture MLP = Architecture.mlp("mlp", 64, 37);
  private static final Architecture CNN = new Architecture("cnn", Architecture.THRESHOLD, List.of(
      LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.maxpool(2, 2), LayerSpec.conv(33, 2, 3, 2, "valid"),
      LayerSpec.dense(20)));
  private static final Architecture CNN8 = new Architecture("cnn8", Architecture.BITPLANES, List.of(
      LayerSpec.conv(6, 3, 3, 2, "same"), LayerSpec.maxpool(2, 1), LayerSpec.dense(16)));

  private static Architecture arch(String name) {
    return switch (name) {
      case "mlp" -> MLP;
      case "cnn" -> CNN;
      default -> CNN8;
    };
  }

  /** A network with random weights and BatchNorm parameters (some γ < 0, some γ = 0). */
  static Network randomNetwork(Architecture arch, int side, int classes, long seed) {
    Random random = new Random(seed);
    InputEncoding encoding = arch.bitplanes() ? new InputEncoding.Bitplanes() : new InputEncoding.Threshold(128);
    Network net = NetworkBuilder.build(arch, new TensorShape(side, side, 1), classes, encoding, new SteSign(1f), false,
        random);
    for (BatchNorm bn : net.batchNorms()) {
      double[] mean = new double[bn.channels];
      double[] var = new double[bn.channels];
      for (int c = 0; c < bn.channels; c++) {
        int pick = random.nextInt(10);
        bn.gamma().value()[c] = pick == 0 ? 0f : pick == 1 ? -(0.1f + random.nextFloat()) : 0.1f + random.nextFloat();
        bn.beta().value()[c] = (float) random.nextGaussian();
        double spread = arch.bitplanes() && bn == net.batchNorms().get(0) ? 2000 : 6;
        mean[c] = random.nextGaussian() * spread;
        var[c] = spread * spread * (0.2 + random.nextDouble());
      }
      bn.setPopulationStatistics(mean, var);
    }
    return net;
  }

  static Dataset randomImages(int count, int side, int classes, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * side * side];
    random.nextBytes(pixels);
    return new Dataset("random", count, side, side, pixels, new byte[count], classes);
  }

  /** The float network's class scores of every sample (inference mode). */
  private static float[] networkScores(Network net, Dataset data) {
    EncodedInputs inputs = new EncodedInputs(data, net.encoding());
    Activations batch = inputs.newBatch();
    inputs.gather(Network.identity(data.count()), 0, data.count(), batch);
    return net.forward(batch, false, null).clone();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn", "cnn8"})
  void everyStepKeepsWhatTheGraphComputes(String name) {
    int classes = 10;
    Network net = randomNetwork(arch(name), 12, classes, name.hashCode());
    Dataset data = randomImages(300, 12, classes, 5);
    FoldGraph graph = FromNetwork.of(net);
    float[] scores = networkScores(net, data);
    for (int s = 0; s < data.count(); s++) {
      double[] g = graph.run(data.sample(s));
      for (int c = 0; c < classes; c++) {
        assertEquals(scores[s * classes + c], g[c], 1e-3 * (1 + Math.abs(g[c])), "from network: sample " + s);
      }
    }
    for (FoldStep step : Fold.STEPS) {
      FoldGraph next = step.apply(graph);
      boolean exact = !(step instanceof OutputToFixedPoint);
      int agree = 0;
      for (int s = 0; s < data.count(); s++) {
        byte[] sample = data.sample(s);
        List<double[]> before = hiddenBits(graph, sample);
        List<double[]> after = hiddenBits(next, sample);
        assertEquals(before.size(), after.size(), step.name());
        for (int b = 0; b < before.size(); b++) {
          assertArrayEquals(before.get(b), after.get(b), step.name() + ": sample " + s + ", block " + b);
        }
        if (exact) {
          assertArrayEquals(graph.run(sample), next.run(sample), 1e-9, step.name() + ": scores of sample " + s);
        }
        agree += argmax(graph.run(sample)) == argmax(next.run(sample)) ? 1 : 0;
      }
      assertTrue(agree >= data.count() - 2, step.name() + ": " + agree + "/" + data.count());
      graph = next;
    }
    DeployModel model = ToDeployModel.pack(graph, "folded", Map.of());
    GoldenModel golden = new GoldenModel(model);
    for (int s = 0; s < data.count(); s++) {
      double[] expected = graph.run(data.sample(s));
      int[] got = golden.infer(data.sample(s)).scores();
      for (int c = 0; c < classes; c++) {
        assertEquals(expected[c], got[c], 0, "packed: sample " + s + " class " + c);
      }
    }
    DenseOutputLayer output = (DenseOutputLayer) model.layers().get(model.layers().size() - 1);
    assertTrue(output.fractionBits() >= 8, "output keeps precision: F = " + output.fractionBits());
  }

  /** The ±1 outputs of every sign or threshold op and every bit pool after them: a block's output bits. */
  private static List<double[]> hiddenBits(FoldGraph graph, byte[] sample) {
    List<double[]> out = new ArrayList<>();
    List<double[]> trace = graph.trace(sample);
    List<FoldOp> ops = graph.ops();
    for (int i = 0; i < ops.size(); i++) {
      boolean producesBits = ops.get(i) instanceof FoldOp.Sign || ops.get(i) instanceof FoldOp.Threshold;
      boolean poolOfBits = ops.get(i) instanceof FoldOp.Pool && i > 0
          && (ops.get(i - 1) instanceof FoldOp.Sign || ops.get(i - 1) instanceof FoldOp.Threshold);
      boolean nextPools = i + 1 < ops.size() && ops.get(i + 1) instanceof FoldOp.Pool;
      if ((producesBits && !nextPools) || poolOfBits) {
        out.add(trace.get(i));
      }
    }
    return out;
  }

  private static int argmax(double[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }

  @ParameterizedTest
  @CsvSource({"7,'64,64'", "5,'33'", "8,'100,37'", "28,'256,256,256'"})
  void foldedFullyConnectedNetworksAgreeWithTheFloatNetwork(int side, String widths) {
    int[] hidden = java.util.Arrays.stream(widths.split(",")).mapToInt(Integer::parseInt).toArray();
    Network net = randomNetwork(Architecture.mlp("m", hidden), side, 10, side * 31L + widths.hashCode());
    Dataset data = randomImages(1000, side, 10, 3);
    float[] scores = networkScores(net, data);
    DeployModel model = Fold.toDeployModel(net, "folded", Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    for (int s = 0; s < data.count(); s++) {
      int expected = Network.argmax(scores, s * 10, 10);
      agree += golden.infer(data.sample(s)).predictedClass() == expected ? 1 : 0;
    }
    assertTrue(agree >= data.count() - 2, "agreement " + agree + "/" + data.count());
  }

  @ParameterizedTest
  @CsvSource({"33", "64", "65", "1"})
  void packedRowsKeepPaddingZero(int k) {
    boolean[] negative = new boolean[k];
    java.util.Arrays.fill(negative, true);
    int[] rows = ToDeployModel.packRows(negative, k, 1);
    for (int i = 0; i < k; i++) {
      assertEquals(1, io.onebit.model.BitPacking.bit(rows, 0, i));
    }
    assertEquals(0, rows[rows.length - 1] & ~io.onebit.model.BitPacking.lastWordMask(k));
  }
}
