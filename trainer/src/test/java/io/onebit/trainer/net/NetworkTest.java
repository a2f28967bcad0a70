package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.quant.PlainSign;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The network's backward: where it stops, and that every parameter still gets its gradient. */
class NetworkTest {
  private static Network build(Architecture arch) {
    return NetworkBuilder.build(arch, new TensorShape(6, 6, 1), 3, new InputEncoding.Threshold(128), new PlainSign(),
        false, new Random(1));
  }

  @Test
  void theBackwardStopsAtTheFirstLayerWithParameters() {
    Network mlp = build(new Architecture("mlp", Architecture.THRESHOLD, List.of(LayerSpec.dense(8))));
    assertTrue(mlp.layers().get(0) instanceof Flatten);
    assertEquals(1, mlp.firstTrainedLayer(), "an MLP's flatten needs no gradient, nor does the first dense's input");
    Network cnn = build(new Architecture("cnn", Architecture.THRESHOLD,
        List.of(LayerSpec.conv(4, 3, 3, 1, "valid"), LayerSpec.dense(5))));
    assertEquals(0, cnn.firstTrainedLayer());
  }

  /**
   * Setting the gradients gives the bits of zeroing them and adding, whatever they held before:
   * an MLP, and a CNN whose second convolution (8 channels, behind a max-pool) takes the direct
   * backward and whose first (1 channel) the column one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn"})
  void settingTheGradientsIsZeroingThemThenAdding(String kind) {
    Architecture arch = kind.equals("mlp")
        ? new Architecture("mlp", Architecture.THRESHOLD, List.of(LayerSpec.dense(20), LayerSpec.dense(17)))
        : new Architecture("cnn", Architecture.THRESHOLD, List.of(LayerSpec.conv(8, 3, 3, 1, "same"),
            LayerSpec.maxpool(2, 2), LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.maxpool(3, 3), LayerSpec.dense(5)));
    Network zeroed = build(arch);
    Network set = build(arch);
    int batch = 5;
    Random random = new Random(3);
    Activations in = new Activations(zeroed.inputShape());
    in.prepare(batch, false);
    for (int i = 0; i < batch * zeroed.inputShape().elements(); i++) {
      in.values()[i] = random.nextBoolean() ? 1f : -1f;
    }
    float[] d = new float[batch * zeroed.classes()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextGaussian();
    }
    for (Param p : set.params()) {
      java.util.Arrays.fill(p.grad(), Float.NaN); // an earlier batch's gradient
    }
    zeroed.forward(in, true, new Random(4));
    set.forward(in, true, new Random(4));
    for (Param p : zeroed.params()) {
      p.zeroGrad();
    }
    zeroed.backward(d.clone());
    set.backwardSettingGradients(d.clone());
    List<Param> expected = zeroed.params();
    List<Param> actual = set.params();
    for (int i = 0; i < expected.size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected.get(i).grad(), actual.get(i).grad(),
          expected.get(i).name());
    }
  }

  @Test
  void everyParameterOfAnMlpGetsItsGradient() {
    Network mlp = build(new Architecture("mlp", Architecture.THRESHOLD,
        List.of(LayerSpec.dense(8), LayerSpec.dense(6))));
    int batch = 4;
    Activations in = new Activations(mlp.inputShape());
    in.prepare(batch, false);
    Random random = new Random(2);
    for (int i = 0; i < batch * mlp.inputShape().elements(); i++) {
      in.values()[i] = random.nextBoolean() ? 1f : -1f;
    }
    mlp.forward(in, true, random);
    float[] d = mlp.scoreGradientBuffer(batch);
    for (int i = 0; i < batch * mlp.classes(); i++) {
      d[i] = (float) random.nextGaussian();
    }
    for (Param p : mlp.params()) {
      p.zeroGrad();
    }
    mlp.backward(d);
    for (Param p : mlp.params()) {
      double sum = 0;
      for (float g : p.grad()) {
        sum += Math.abs(g);
      }
      assertTrue(sum > 0, p.name() + " got no gradient");
    }
  }

  /**
   * The population statistics of every BatchNorm are the mean and variance of its input over the
   * data, computed with the statistics already set before it: recomputeStatistics (convolution and
   * pool as one pass, sums split over the cores by channel, passes started from captured signs)
   * against a plain layer-by-layer forward of all the data and one loop of sums in double, to the bit.
   */
  @Test
  void populationStatisticsAreTheMomentsOfEachBatchNormsInput() {
    Architecture arch = new Architecture("cnn", Architecture.THRESHOLD, List.of(LayerSpec.conv(16, 3, 3, 1, "same"),
        LayerSpec.maxpool(2, 2), LayerSpec.conv(8, 3, 3, 1, "same"), LayerSpec.dense(12)));
    Network net = NetworkBuilder.build(arch, new TensorShape(8, 8, 1), 3, new InputEncoding.Threshold(128),
        new PlainSign(), false, new Random(5));
    int count = 30;
    Random random = new Random(6);
    byte[] pixels = new byte[count * 64];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    EncodedInputs data = new EncodedInputs(new io.onebit.trainer.data.Dataset("noise", count, 8, 8, pixels, labels,
        3), new InputEncoding.Threshold(128));
    net.recomputeStatistics(data, 7);
    Activations all = data.newBatch();
    for (int l = 0; l < net.layers().size(); l++) {
      if (!(net.layers().get(l) instanceof BatchNorm bn)) {
        continue;
      }
      int channels = bn.channels;
      double[] sum = new double[channels];
      double[] sumSq = new double[channels];
      long rows = 0;
      for (int from = 0; from < count; from += 7) {
        int size = Math.min(7, count - from);
        data.gather(Network.identity(count), from, size, all);
        Activations x = all;
        for (int i = 0; i < l; i++) {
          x = net.layers().get(i).forward(x, false, null);
        }
        int n = size * bn.inputShape().height() * bn.inputShape().width();
        for (int r = 0; r < n; r++) {
          for (int c = 0; c < channels; c++) {
            double v = x.values()[r * channels + c];
            sum[c] += v;
            sumSq[c] += v * v;
          }
        }
        rows += n;
      }
      for (int c = 0; c < channels; c++) {
        double mean = sum[c] / rows;
        assertEquals((float) mean, bn.populationMean()[c], "mean of layer " + l + ", channel " + c);
        assertEquals((float) Math.max(0, sumSq[c] / rows - mean * mean), bn.populationVar()[c],
            "variance of layer " + l + ", channel " + c);
      }
    }
  }
}
