package io.onebit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random valid network shapes for fuzzing the C against the golden model: an input (thresholded
 * or 8-bit, 1 to 40 pixels a side, channel counts around and across multiples of 32) and 1 to 8
 * hidden layers drawn from conv (kernels 1 to 15, square or rectangular, strides 1 to 4, 'same'
 * or 'valid'), max-pool (1 to 4, square or rectangular), flatten and dense, then the output layer.
 * A {@link Blueprint} is the shape as a {@link RandomModels#fromSpec} layer list plus a weight
 * seed, so a failing case can be rebuilt, and shrunk, from a few numbers.
 *
 * <p>Every shape stays inside what the C runtime takes (a binary layer's fan-in at most 32,767:
 * int16 thresholds) and inside a work budget per inference, so that thousands of models run in
 * minutes; one model in twelve gets a fan-in in the thousands to tens of thousands.
 */
public final class RandomArchitectures {
  /** Channel and unit counts: small, and around and across multiples of 32. */
  private static final int[] CHANNELS = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 95, 96, 97};
  /** Channel counts of the wide draws: with a 15 x 15 kernel, 145 channels make a fan-in of 32,625. */
  private static final int[] WIDE_CHANNELS = {100, 128, 129, 145};
  /** The largest fan-in of a binary layer the C runtime takes (thresholds are int16). */
  public static final int MAX_FAN_IN = Short.MAX_VALUE;
  /** Bit operations (output bits x fan-in) allowed per layer and inference, keeping a fuzz case fast. */
  static final long WORK_PER_LAYER = 3_000_000;

  private RandomArchitectures() {}

  /**
   * A random shape: the input, the layer list and the seed of its weights.
   *
   * @param spec {@link RandomModels#fromSpec} tokens, the output layer last
   */
  public record Blueprint(InputSpec input, String spec, long weightSeed) {
    /** The deploy model (weights, thresholds and masks drawn with extremes, see {@link RandomModels}). */
    public DeployModel build(String name) {
      return RandomModels.fromSpec(name, input, spec, new Random(weightSeed), true);
    }

    public List<String> layers() {
      return Arrays.asList(spec.split(","));
    }

    /** The same input and weight seed with another layer list. */
    public Blueprint withSpec(List<String> layers) {
      return new Blueprint(input, String.join(",", layers), weightSeed);
    }

    @Override
    public String toString() {
      return (input.isBitplanes() ? "bitplanes " : "threshold " + input.threshold() + " ") + input.height() + "x"
          + input.width() + "x" + input.channels() + " " + spec + " seed " + weightSeed;
    }
  }

  /** A random valid blueprint (tries again on the rare draw that does not fit the limits). */
  public static Blueprint random(Random random) {
    while (true) {
      Blueprint b = attempt(random);
      if (b != null) {
        return b;
      }
    }
  }

  private static Blueprint attempt(Random random) {
    boolean bitplanes = random.nextInt(3) == 0;
    boolean wide = random.nextInt(12) == 0; // a large fan-in somewhere
    int h = side(random);
    int w = random.nextInt(4) == 0 ? side(random) : h;
    int c = random.nextInt(3) == 0 ? pick(random, CHANNELS) : 1 + random.nextInt(3);
    InputSpec input = bitplanes ? InputSpec.bitplanes(h, w, c) : InputSpec.thresholded(h, w, c, inputThreshold(random));
    int depth = 1 + random.nextInt(8);
    List<String> layers = new ArrayList<>();
    long sh = h;
    long sw = w;
    long sc = c;
    boolean flat = false;
    for (int i = 0; i < depth; i++) {
      boolean first = layers.isEmpty();
      int kind = bitplanes && first ? 0 : flat ? 3 : random.nextInt(first ? 4 : 5);
      if (kind == 0 || kind == 4) { // conv
        int kh = kernel(random, wide);
        int kw = random.nextInt(3) == 0 ? kernel(random, wide) : kh;
        int stride = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
        boolean same = random.nextBoolean() || kh > sh || kw > sw;
        int filters = wide && random.nextBoolean() ? pick(random, WIDE_CHANNELS) : pick(random, CHANNELS);
        long fanIn = (long) kh * kw * sc;
        long oh = same ? (sh + stride - 1) / stride : (sh - kh) / stride + 1;
        long ow = same ? (sw + stride - 1) / stride : (sw - kw) / stride + 1;
        if (fanIn > (bitplanes && first ? 60_000 : MAX_FAN_IN) || oh * ow * filters * fanIn > budget(wide)) {
          return null;
        }
        layers.add("conv" + filters + "k" + kh + "x" + kw + "s" + stride + (same ? "same" : "valid"));
        sh = oh;
        sw = ow;
        sc = filters;
      } else if (kind == 1 || kind == 2) { // pool
        int ph = 1 + random.nextInt((int) Math.min(4, sh));
        int pw = random.nextInt(3) == 0 ? 1 + random.nextInt((int) Math.min(4, sw)) : (int) Math.min(ph, sw);
        int stride = 1 + random.nextInt(4);
        layers.add(ph == pw ? "pool" + ph + "s" + stride : "pool" + ph + "x" + pw + "s" + stride);
        sh = (sh - ph) / stride + 1;
        sw = (sw - pw) / stride + 1;
      } else { // flatten (sometimes even of 1x1), then dense
        if (!flat && (sh * sw > 1 || random.nextInt(3) == 0)) {
          layers.add("flatten");
        }
        flat = true;
        long k = sh * sw * sc;
        int units = random.nextInt(4) == 0 ? 32 * (1 + random.nextInt(4)) + random.nextInt(3) - 1
            : 1 + random.nextInt(wide ? 300 : 80);
        if (k > MAX_FAN_IN || k * units > budget(wide)) {
          return null;
        }
        layers.add("dense" + units);
        sh = 1;
        sw = 1;
        sc = units;
      }
    }
    if (!flat && sh * sw > 1) {
      layers.add("flatten");
    } else if (!flat && random.nextBoolean()) {
      layers.add("flatten");
    }
    if (sh * sw * sc > MAX_FAN_IN) {
      return null;
    }
    layers.add("out" + (1 + random.nextInt(12)));
    return new Blueprint(input, String.join(",", layers), random.nextLong());
  }

  /** Input side: mostly small, sometimes 1 (a vector) or up to 40. */
  private static int side(Random random) {
    int r = random.nextInt(10);
    return r == 0 ? 1 : r < 8 ? 2 + random.nextInt(14) : 16 + random.nextInt(25);
  }

  /** Kernel side 1 to 15: mostly 1 to 5. */
  private static int kernel(Random random, boolean wide) {
    return wide || random.nextInt(4) == 0 ? 1 + random.nextInt(15) : 1 + random.nextInt(5);
  }

  /** Input thresholds with the constant encodings (0: all +1, 256: all -1) and the ends of the byte. */
  private static int inputThreshold(Random random) {
    int[] edges = {0, 1, 2, 127, 128, 254, 255, 256};
    return random.nextInt(3) == 0 ? pick(random, edges) : random.nextInt(257);
  }

  private static long budget(boolean wide) {
    return wide ? 4 * WORK_PER_LAYER : WORK_PER_LAYER;
  }

  private static int pick(Random random, int[] values) {
    return values[random.nextInt(values.length)];
  }

  /**
   * A random sample: uniform bytes, all 0, all 255, sparse, or bytes at the input threshold and
   * one below it (where the encoding flips).
   */
  public static byte[] sample(InputSpec input, Random random) {
    byte[] sample = new byte[input.size()];
    int kind = random.nextInt(8);
    int t = input.isBitplanes() ? 128 : input.threshold();
    for (int i = 0; i < sample.length; i++) {
      sample[i] = (byte) switch (kind) {
        case 0 -> 0;
        case 1 -> 255;
        case 2 -> random.nextInt(10) == 0 ? random.nextInt(256) : 0;
        case 3 -> Math.max(0, Math.min(255, random.nextBoolean() ? t : t - 1));
        default -> random.nextInt(256);
      };
    }
    return sample;
  }
}
