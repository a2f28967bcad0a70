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
    input.validate();
    List<Layer> layers = new ArrayList<>();
    int inputs = input.size();
    for (int i = 0; i < widths.length; i++) {
      int outputs = widths[i];
      int[] weights = randomRows(inputs, outputs, random, false);
      if (i < widths.length - 1) {
        layers.add(new DenseSignLayer(inputs, outputs, weights,
            randomThresholds(outputs, -1, inputs, inputs / 2.0, Math.sqrt(inputs) / 2, random, false)));
      } else {
        layers.add(randomOutput(inputs, outputs, weights, random, false));
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
   *   pool{size}s{stride}, pool{h}x{w}s{stride}  max-pool, random AND/OR channels
   *   flatten | dense{n} | out{classes}
   * </pre>
   *
   * e.g. {@code conv16k3x3s1same,pool2s2,conv8k5x5s2valid,flatten,dense40,out10}.
   */
  public static DeployModel fromSpec(String name, InputSpec input, String spec, Random random) {
    return fromSpec(name, input, spec, random, false);
  }

  /**
   * As {@link #fromSpec(String, InputSpec, String, Random)}; with {@code extremes} each layer also
   * draws its values from the edges of their ranges (for fuzzing): thresholds all at one end, at
   * the ends and one step inside, or uniform over the whole range; weights all +1, all -1 or
   * sparse; pooling masks all AND or all OR; output scales and offsets as large as int32 scores
   * allow. Without it the draws are the plain ones, so seeded models and benchmarks stay the same.
   */
  public static DeployModel fromSpec(String name, InputSpec input, String spec, Random random, boolean extremes) {
    List<Layer> layers = new ArrayList<>();
    TensorShape shape = input.shape();
    input.validate();
    for (String token : spec.split(",")) {
      shape.requireWithinLimits("layer " + layers.size() + ": input");
      Layer layer = randomLayer(token.trim(), shape, layers.isEmpty() && input.isBitplanes(), random, extremes);
      if (layer instanceof DenseSignLayer || layer instanceof DenseOutputLayer) {
        shape = TensorShape.vector(shape.elements());
      }
      layers.add(layer);
      shape = layer.outputShape();
    }
    return DeployModel.of(name, input, layers, Map.of("source", "random", "spec", spec));
  }

  private static Layer randomLayer(String token, TensorShape in, boolean bitplanes, Random random, boolean extremes) {
    Matcher m;
    if ((m = Pattern.compile("conv(\\d+)k(\\d+)x(\\d+)s(\\d+)(same|valid)").matcher(token)).matches()) {
      int out = Integer.parseInt(m.group(1));
      int kh = Integer.parseInt(m.group(2));
      int kw = Integer.parseInt(m.group(3));
      int stride = Integer.parseInt(m.group(4));
      int[] weights = randomRows(in.channels(), (long) out * kh * kw, random, extremes);
      int fanIn = kh * kw * in.channels();
      if (bitplanes) {
        int limit = 255 * fanIn;
        int[] thresholds = randomThresholds(out, -limit, limit + 1, 0, 40 * Math.sqrt(fanIn), random, extremes);
        return new BitplaneConvSignLayer(in.height(), in.width(), in.channels(), out, kh, kw, stride, m.group(5),
            weights, thresholds);
      }
      int[] thresholds = randomThresholds(out, -1, fanIn, fanIn / 2.0, Math.sqrt(fanIn), random, extremes);
      return new ConvSignLayer(in.height(), in.width(), in.channels(), out, kh, kw, stride, m.group(5), weights,
          thresholds);
    }
    if ((m = Pattern.compile("pool(\\d+)(?:x(\\d+))?s(\\d+)").matcher(token)).matches()) {
      int ph = Integer.parseInt(m.group(1));
      int pw = m.group(2) == null ? ph : Integer.parseInt(m.group(2));
      return new MaxPoolLayer(in.height(), in.width(), in.channels(), ph, pw, Integer.parseInt(m.group(3)),
          randomRows(in.channels(), 1, random, extremes));
    }
    if (token.equals("flatten")) {
      return new FlattenLayer(in.height(), in.width(), in.channels());
    }
    if ((m = Pattern.compile("(dense|out)(\\d+)").matcher(token)).matches()) {
      int k = in.elements();
      int n = Integer.parseInt(m.group(2));
      if (m.group(1).equals("dense")) {
        return new DenseSignLayer(k, n, randomRows(k, n, random, extremes), randomThresholds(n, -1, k, k / 2.0,
            Math.sqrt(k) / 2, random, extremes));
      }
      return randomOutput(k, n, randomRows(k, n, random, extremes), random, extremes);
    }
    throw new IllegalArgumentException("unknown layer '" + token + "' in a random model spec");
  }

  /**
   * Thresholds drawn around {@code centre}, with one in ten constant at either end; with
   * {@code extremes}, one layer in two instead draws all at the low end (constant outputs), all at
   * the high end, from {lo, lo + 1, hi - 1, hi}, or uniformly over [lo, hi].
   */
  private static int[] randomThresholds(int n, int lo, int hi, double centre, double spread, Random random,
      boolean extremes) {
    int[] thresholds = new int[n];
    int mode = extremes ? random.nextInt(8) : 0;
    for (int j = 0; j < n; j++) {
      thresholds[j] = switch (mode) {
        case 4 -> lo;
        case 5 -> hi;
        case 6 -> clamp(random.nextBoolean() ? lo + random.nextInt(2) : hi - random.nextInt(2), lo, hi);
        case 7 -> (int) (lo + (long) (random.nextDouble() * ((long) hi - lo + 1)));
        default -> {
          int pick = random.nextInt(20);
          yield pick == 0 ? lo : pick == 1 ? hi
              : clamp((int) Math.round(centre + random.nextGaussian() * spread), lo, hi);
        }
      };
    }
    return thresholds;
  }

  /**
   * Per-class scale and offset with scale * dot + offset inside int32 for every dot in [-K, K];
   * with {@code extremes}, one layer in two takes the largest magnitudes that still cannot overflow.
   */
  private static DenseOutputLayer randomOutput(int inputs, int outputs, int[] weights, Random random,
      boolean extremes) {
    int[] scale = new int[outputs];
    int[] offset = new int[outputs];
    int maxScale = Math.max(1, (1 << 20) / inputs);
    boolean huge = extremes && random.nextBoolean();
    for (int j = 0; j < outputs; j++) {
      if (huge) {
        long room = Integer.MAX_VALUE;
        offset[j] = random.nextBoolean() ? 0 : (random.nextBoolean() ? 1 : -1) * random.nextInt(1 << 30);
        long largest = Math.max(1, (room - Math.abs((long) offset[j])) / inputs);
        scale[j] = (int) ((random.nextBoolean() ? 1 : -1) * (random.nextBoolean() ? largest
            : 1 + (long) (random.nextDouble() * largest)));
      } else {
        scale[j] = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(maxScale));
        offset[j] = random.nextInt(1 << 24) - (1 << 23);
      }
    }
    return new DenseOutputLayer(inputs, outputs, weights, scale, offset, 16);
  }

  /** One random sample for the model's input: uniformly random bytes, i.e. elements over the type's whole range. */
  public static byte[] sample(InputSpec input, Random random) {
    byte[] sample = new byte[input.sampleBytes()];
    random.nextBytes(sample);
    return sample;
  }

  /**
   * The most weight words one random layer may take (64 MiB, 16 times the flash of the largest
   * board): checked before the array is allocated, so an absurd architecture is refused at once.
   */
  public static final long MAX_LAYER_WEIGHT_WORDS = 1L << 24;

  /** Random packed rows (padding bits 0); with {@code extremes}, one matrix in two is all +1, all -1 or sparse. */
  private static int[] randomRows(int inputs, long outputs, Random random, boolean extremes) {
    long words = ((inputs + 31L) >>> 5) * outputs;
    if (inputs <= 0 || outputs <= 0 || words > MAX_LAYER_WEIGHT_WORDS) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "a layer of %,d x %,d weights takes %,d words, more than the %,d (64 MiB) a random model's layer may",
          outputs, inputs, words, MAX_LAYER_WEIGHT_WORDS));
    }
    int rowWords = BitPacking.words(inputs);
    int mask = BitPacking.lastWordMask(inputs);
    int mode = extremes ? random.nextInt(6) : 0;
    int[] weights = new int[(int) words];
    for (int o = 0; o < outputs; o++) {
      for (int w = 0; w < rowWords; w++) {
        weights[o * rowWords + w] = switch (mode) {
          case 3 -> 0; // every weight +1
          case 4 -> -1; // every weight -1
          case 5 -> random.nextInt() & random.nextInt() & random.nextInt(); // about one -1 in eight
          default -> random.nextInt();
        };
      }
      weights[o * rowWords + rowWords - 1] &= mask;
    }
    return weights;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
