package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.loss.SoftmaxCrossEntropy;
import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.PlainSign;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every gradient of the Bernoulli network (logits of every layer, BatchNorm's γ and β) against
 * central finite differences of the loss, for every sum approximation and gradient rule, on a
 * CNN with a max-pool and ±1 input, an 8-bit CNN and an MLP. The exact rules and the closed forms
 * must agree to float precision; the central-equation rules are approximations and must agree
 * to within a few per cent of the gradient's scale.
 */
class BernoulliNetworkGradientTest {
  static final Architecture POOLED = new Architecture("tiny-pooled", Architecture.THRESHOLD,
      List.of(LayerSpec.conv(3, 3, 3, 1, "same"), LayerSpec.maxpool(2, 2), LayerSpec.dense(5)));
  static final Architecture BITPLANES = new Architecture("tiny-bitplanes", Architecture.BITPLANES,
      List.of(LayerSpec.conv(3, 3, 3, 1, "valid"), LayerSpec.dense(4)));
  static final Architecture MLP = new Architecture("tiny-mlp", Architecture.THRESHOLD,
      List.of(LayerSpec.dense(9), LayerSpec.dense(6)));

  private static final int BATCH = 6;
  private static final int CLASSES = 3;

  static Network network(Architecture arch, long seed) {
    InputEncoding encoding = arch.bitplanes() ? new InputEncoding.Bitplanes() : new InputEncoding.Threshold(128);
    return NetworkBuilder.build(arch, new TensorShape(6, 6, 1), CLASSES, encoding, new PlainSign(), false,
        new Random(seed));
  }

  static Activations input(Network network, Random random) {
    Activations a = new Activations(network.inputShape());
    a.prepare(BATCH, false);
    float[] v = a.values();
    for (int i = 0; i < BATCH * network.inputShape().elements(); i++) {
      int pixel = random.nextInt(256);
      v[i] = network.encoding().value(pixel);
    }
    return a;
  }

  private static double loss(BernoulliNetwork net, Activations in, byte[] labels, int[] index, double t) {
    float[] scores = net.forward(in, true, t);
    float[] grad = new float[BATCH * CLASSES];
    return SoftmaxCrossEntropy.lossAndGradient(scores, BATCH, CLASSES, labels, index, grad, new int[1]) / BATCH;
  }

  @ParameterizedTest
  @CsvSource({
      "pooled, exact, exact, 3e-3", "pooled, exact, central3, 0.05", "pooled, exact, central5, 0.05",
      "pooled, normal, exact, 3e-3", "pooled, edgeworth, exact, 3e-3",
      "bitplanes, normal, exact, 3e-3", "bitplanes, edgeworth, exact, 3e-3", "bitplanes, exact, exact, 3e-3",
      "mlp, exact, exact, 3e-3", "mlp, exact, central3, 0.05", "mlp, normal, exact, 3e-3",
      "mlp, edgeworth, exact, 3e-3"})
  void gradientsEqualFiniteDifferences(String arch, String sum, String rule, double tolerance) {
    Architecture a = switch (arch) {
      case "pooled" -> POOLED;
      case "bitplanes" -> BITPLANES;
      default -> MLP;
    };
    Random random = new Random(7);
    Network network = network(a, 3);
    BernoulliNetwork net = new BernoulliNetwork(network, new BernoulliNetwork.Options(SumApproximation.of(sum),
        PoissonBinomial.Rule.valueOf(rule.toUpperCase()), 1.5f, 6f, 1f));
    for (BernoulliBlock b : net.blocks()) {
      float[] gamma = b.bn.gamma().value();
      float[] beta = b.bn.beta().value();
      for (int c = 0; c < gamma.length; c++) {
        gamma[c] = (float) (0.5 + random.nextDouble()) * (random.nextInt(4) == 0 ? -1 : 1);
        beta[c] = (float) random.nextGaussian() * 0.5f;
      }
    }
    Activations in = input(network, random);
    byte[] labels = new byte[BATCH];
    int[] index = new int[BATCH];
    for (int b = 0; b < BATCH; b++) {
      labels[b] = (byte) random.nextInt(CLASSES);
      index[b] = b;
    }
    double t = 0.6;
    for (Param p : net.params()) {
      p.zeroGrad();
    }
    float[] scores = net.forward(in, true, t);
    float[] dScores = new float[BATCH * CLASSES];
    SoftmaxCrossEntropy.lossAndGradient(scores, BATCH, CLASSES, labels, index, dScores, new int[1]);
    net.backward(dScores);
    double worst = 0;
    String where = "";
    for (Param p : net.params()) {
      float[] value = p.value();
      float[] grad = p.grad().clone();
      double scale = 1e-3;
      double[] fd = new double[value.length];
      int step = Math.max(1, value.length / 40);
      for (int i = 0; i < value.length; i += step) {
        float keep = value[i];
        float h = 2e-2f;
        value[i] = keep + h;
        net.refreshWeights();
        double up = loss(net, in, labels, index, t);
        value[i] = keep - h;
        net.refreshWeights();
        double down = loss(net, in, labels, index, t);
        value[i] = keep;
        net.refreshWeights();
        fd[i] = (up - down) / (2 * h);
        scale = Math.max(scale, Math.abs(fd[i]));
      }
      for (int i = 0; i < value.length; i += step) {
        double err = Math.abs(grad[i] - fd[i]) / scale;
        if (err > worst) {
          worst = err;
          where = p.name() + "[" + i + "]: analytic " + grad[i] + ", finite difference " + fd[i];
        }
      }
    }
    System.out.printf("%s %s %s: worst relative error %.2e%n", arch, sum, rule, worst);
    assertTrue(worst < tolerance, arch + " " + sum + " " + rule + ": " + worst + " at " + where);
  }
}
