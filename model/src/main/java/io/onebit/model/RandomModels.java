package io.onebit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random but valid deploy models and inputs, for exactness tests (golden model vs C) and for
 * benchmarks of shapes no one has trained yet.
 */
public final class RandomModels {
  private RandomModels() {}

  /**
   * A model with the given input shape and layer widths; the last width is the class count.
   * Thresholds are drawn around K/2 so outputs are balanced, with occasional constant outputs
   * (-1 and K) to cover the edges.
   */
  public static DeployModel dense(String name, InputSpec input, int[] widths, Random random) {
    List<Layer> layers = new ArrayList<>();
    int inputs = input.size();
    for (int i = 0; i < widths.length; i++) {
      int outputs = widths[i];
      int[] weights = randomRows(inputs, outputs, random);
      if (i < widths.length - 1) {
        layers.add(new DenseSignLayer(inputs, outputs, weights,
            randomThresholds(outputs, -1, inputs, inputs / 2.0, Math.sqrt(inputs) / 2, random)));
      } else {
        layers.add(randomOutput(inputs, outputs, weights, random));
      }
      inputs = outputs;
    }
    return DeployModel.of(name, input, layers, Map.of("source", "random"));
  }

  /**
   * A model from a compact layer list, comma-separated:
   *
   * <pre>
   *   conv{out}k{kh}x{kw}s{stride}{same|valid}   binary conv (the first layer of a 'bitplanes'
   *                                              input becomes bitplane_conv_sign)
   *   pool{size}s{stride} | pool{h}x{w}s{stride}  max-pool, random AND/OR channels
   *   flatten | dense{n} | out{classes}
   * </pre>
   *
   * e.g. {@code conv16k3x3s1same,pool2s2,conv8k5x5s2valid,flatten,dense40,out10}.
   */
  public static DeployModel fromSpec(String name, InputSpec input, String spec, Random random) {
    List<Layer> layers = new ArrayList<>();
    TensorShape shape = input.shape();
    for (String token : spec.split(",")) {
      Layer layer = randomLayer(token.trim(), shape, layers.isEmpty() && input.isBitplanes(), random);
      if (layer instanceof DenseSignLayer || layer instanceof DenseOutputLayer) {
        shape = TensorShape.vector(shape.elements());
      }
      layers.add(layer);
      shape = layer.outputShape();
    }
    return DeployModel.of(name, input, layers, Map.of("source", "random", "spec", spec));
  }

  private static Layer randomLayer(String token, TensorShape in, boolean bitplanes, Random random) {
    Matcher m;
    if ((m = Pattern.compile("conv(\\d+)k(\\d+)x(\\d+)s(\\d+)(same|valid)").matcher(token)).matches()) {
      int out = Integer.parseInt(m.group(1));
      int kh = Integer.parseInt(m.group(2));
      int kw = Integer.parseInt(m.group(3));
      int stride = Integer.parseInt(m.group(4));
      int[] weights = randomRows(in.channels(), out * kh * kw, random);
      int fanIn = kh * kw * in.channels();
      if (bitplanes) {
        int limit = 255 * fanIn;
        int[] thresholds = randomThresholds(out, -limit, limit + 1, 0, 40 * Math.sqrt(fanIn), random);
        return new BitplaneConvSignLayer(in.height(), in.width(), in.channels(), out, kh, kw, stride, m.group(5),
            weights, thresholds);
      }
      int[] thresholds = randomThresholds(out, -1, fanIn, fanIn / 2.0, Math.sqrt(fanIn), random);
      return new ConvSignLayer(in.height(), in.width(), in.channels(), out, kh, kw, stride, m.group(5), weights,
          thresholds);
    }
    if ((m = Pattern.compile("pool(\\d+)(?:x(\\d+))?s(\\d+)").matcher(token)).matches()) {
      int height = Integer.parseInt(m.group(1));
      int width = m.group(2) == null ? height : Integer.parseInt(m.group(2));
      return new MaxPoolLayer(in.height(), in.width(), in.channels(), height, width, Integer.parseInt(m.group(3)),
          randomRows(in.channels(), 1, random));
    }
    if (token.equals("flatten")) {
      return new FlattenLayer(in.height(), in.width(), in.channels());
    }
    if ((m = Pattern.compile("(dense|out)(\\d+)").matcher(token)).matches()) {
      int k = in.elements();
      int n = Integer.parseInt(m.group(2));
      if (m.group(1).equals("dense")) {
        return new DenseSignLayer(k, n, randomRows(k, n, random), randomThresholds(n, -1, k, k / 2.0, Math.sqrt(k) / 2,
            random));
      }
      return randomOutput(k, n, randomRows(k, n, random), random);
    }
    throw new IllegalArgumentException("unknown layer '" + token + "' in a random model spec");
  }

  /** Thresholds drawn around {@code centre}, with one in ten constant at either end. */
  private static int[] randomThresholds(int n, int lo, int hi, double centre, double spread, Random random) {
    int[] thresholds = new int[n];
    for (int j = 0; j < n; j++) {
      int pick = random.nextInt(20);
      thresholds[j] = pick == 0 ? lo : pick == 1 ? hi
          : clamp((int) Math.round(centre + random.nextGaussian() * spread), lo, hi);
    }
    return thresholds;
  }

  private static DenseOutputLayer randomOutput(int inputs, int outputs, int[] weights, Random random) {
    int[] scale = new int[outputs];
    int[] offset = new int[outputs];
    int maxScale = Math.max(1, (1 << 20) / inputs);
    for (int j = 0; j < outputs; j++) {
      scale[j] = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(maxScale));
      offset[j] = random.nextInt(1 << 24) - (1 << 23);
    }
    return new DenseOutputLayer(inputs, outputs, weights, scale, offset, 16);
  }

  /** One random sample for the model's input: uniformly random bytes, i.e. elements over the type's whole range. */
  public static byte[] sample(InputSpec input, Random random) {
    byte[] sample = new byte[input.sampleBytes()];
    random.nextBytes(sample);
    return sample;
  }

  private static int[] randomRows(int inputs, int outputs, Random random) {
    int rowWords = BitPacking.words(inputs);
    int mask = BitPacking.lastWordMask(inputs);
    int[] weights = new int[rowWords * outputs];
    for (int o = 0; o < outputs; o++) {
      for (int w = 0; w < rowWords; w++) {
        weights[o * rowWords + w] = random.nextInt();
      }
      weights[o * rowWords + rowWords - 1] &= mask;
    }
    return weights;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
