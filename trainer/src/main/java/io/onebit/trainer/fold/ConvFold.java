package io.onebit.trainer.fold;

import io.onebit.model.BitPacking;
import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.ConvGeometry;
import io.onebit.model.ConvSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.FlattenLayer;
import io.onebit.model.InputSpec;
import io.onebit.model.Layer;
import io.onebit.model.MaxPoolLayer;
import io.onebit.model.TensorShape;
import io.onebit.trainer.cnn.BinaryConv2d;
import io.onebit.trainer.cnn.ConvNet;
import io.onebit.trainer.nn.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained {@link ConvNet} into a deploy model, block by block:
 *
 * <ul>
 *   <li>conv + BatchNorm + sign → conv_sign: filters packed [out][ky][kx][words(in_c)], one
 *       popcount threshold per channel from {@link SignThreshold} with K = kh·kw·in_c, the filter
 *       negated where the BatchNorm scale is negative;
 *   <li>the 8-bit first conv → bitplane_conv_sign: thresholds on the integer dot
 *       ({@link BitplaneThreshold});
 *   <li>a max-pool inside a block → maxpool after the conv, OR where the channel's BatchNorm
 *       scale is negative (sign(BN(max z)) = min of the signs there), AND elsewhere;
 *   <li>a dense layer on a spatial tensor → flatten, then dense_sign as for MLPs;
 *   <li>the output block → dense_output with the fixed-point affine of the output BatchNorm.
 * </ul>
 */
public final class ConvFold {
  private ConvFold() {}

  /** The deploy model's input spec for a network trained on {@code threshold}-encoded or raw pixels. */
  public static InputSpec inputSpec(ConvNet network, int threshold) {
    TensorShape s = network.inputShape;
    return network.bitplanes
        ? InputSpec.bitplanes(s.height(), s.width(), s.channels())
        : InputSpec.thresholded(s.height(), s.width(), s.channels(), threshold);
  }

  public static DeployModel toDeployModel(ConvNet network, String name, InputSpec input, Map<String, Object> info) {
    List<Layer> layers = new ArrayList<>();
    boolean first = true;
    TensorShape shape = network.inputShape;
    for (ConvNet.Block block : network.blocks()) {
      BinaryConv2d w = block.weights();
      BatchNorm bn = block.norm().norm;
      double[] scale = Fold.scales(bn);
      if (block.flattenBefore()) {
        layers.add(new FlattenLayer(shape.height(), shape.width(), shape.channels()));
      }
      if (block.isOutput()) {
        layers.add(Fold.denseOutput(w.weights().value(), w.fanIn, w.outChannels, bn));
      } else if (block.isDense() && !(first && network.bitplanes)) { // an 8-bit first layer stays a bitplane conv, even 1x1 on 1x1xF
        layers.add(Fold.denseSign(w.weights().value(), w.fanIn, w.outChannels, bn));
      } else {
        layers.add(first && network.bitplanes ? bitplaneConv(w, bn, scale) : conv(w, bn, scale));
        if (block.pool() != null) {
          layers.add(maxPool(block, scale));
        }
      }
      shape = layers.get(layers.size() - 1).outputShape();
      first = false;
    }
    return DeployModel.of(name, input, layers, info);
  }

  /** A filter's folded rule: the threshold and whether the filter is negated (BatchNorm scale &lt; 0). */
  private record ChannelRule(int threshold, boolean flip) {}

  /** The folded rule of output channel o, from its BatchNorm's scale s, mean μ and β. */
  @FunctionalInterface
  private interface RuleOfChannel {
    ChannelRule of(double scale, double mean, double beta);
  }

  /**
   * Packs the filters [out][ky][kx][words(in_c)] and fills {@code thresholds}, negating every
   * filter whose rule says so.
   */
  private static int[] foldFilters(BinaryConv2d w, BatchNorm bn, double[] scale, RuleOfChannel rule,
      int[] thresholds) {
    int taps = w.geometry.kernelHeight() * w.geometry.kernelWidth();
    int[] filters = Fold.packRows(w.weights().value(), w.inChannels, w.outChannels * taps);
    for (int o = 0; o < w.outChannels; o++) {
      ChannelRule r = rule.of(scale[o], bn.populationMean()[o], bn.beta().value()[o]);
      thresholds[o] = r.threshold();
      if (r.flip()) {
        negateFilter(filters, o, taps, w.inChannels);
      }
    }
    return filters;
  }

  private static ConvSignLayer conv(BinaryConv2d w, BatchNorm bn, double[] scale) {
    int[] thresholds = new int[w.outChannels];
    int[] filters = foldFilters(w, bn, scale, (s, mean, beta) -> {
      SignThreshold t = SignThreshold.of(w.fanIn, s, mean, beta);
      return new ChannelRule(t.threshold(), t.flipRow());
    }, thresholds);
    ConvGeometry g = w.geometry;
    return new ConvSignLayer(g.inHeight(), g.inWidth(), w.inChannels, w.outChannels, g.kernelHeight(),
        g.kernelWidth(), g.stride(), g.padding(), filters, thresholds);
  }

  private static BitplaneConvSignLayer bitplaneConv(BinaryConv2d w, BatchNorm bn, double[] scale) {
    int[] thresholds = new int[w.outChannels];
    int[] filters = foldFilters(w, bn, scale, (s, mean, beta) -> {
      BitplaneThreshold t = BitplaneThreshold.of(255 * w.fanIn, s, mean, beta);
      return new ChannelRule(t.threshold(), t.flipFilter());
    }, thresholds);
    ConvGeometry g = w.geometry;
    return new BitplaneConvSignLayer(g.inHeight(), g.inWidth(), w.inChannels, w.outChannels, g.kernelHeight(),
        g.kernelWidth(), g.stride(), g.padding(), filters, thresholds);
  }

  private static MaxPoolLayer maxPool(ConvNet.Block block, double[] scale) {
    ConvGeometry g = block.pool().geometry;
    int channels = block.pool().channels;
    int[] or = new int[BitPacking.words(channels)];
    for (int c = 0; c < channels; c++) {
      BitPacking.setBit(or, 0, c, scale[c] < 0 ? 1 : 0);
    }
    return new MaxPoolLayer(g.inHeight(), g.inWidth(), channels, g.kernelHeight(), g.kernelWidth(), g.stride(), or);
  }

  /** Negates every tap of filter o (its taps are rows o·taps .. o·taps + taps − 1 of in_c bits). */
  private static void negateFilter(int[] filters, int o, int taps, int inChannels) {
    for (int t = 0; t < taps; t++) {
      Fold.negateRow(filters, o * taps + t, inChannels);
    }
  }
}
