package io.onebit.trainer.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Datasets the project generates itself with a fixed seed, so examples and tests have a sensor time
 * series and a colour image set without any download. Only {@link StrictMath} and
 * {@link java.util.Random} are used, so every machine generates the same bytes (the catalogue checks
 * their SHA-256 like any other dataset's).
 */
public final class SyntheticData {
  private SyntheticData() {}

  /** Activities of {@link #sensorMotion}. */
  static final String[] MOTIONS = {"still", "walk", "run", "shake"};
  /** Samples per window of {@link #sensorMotion}: 1.28 s at 50 Hz. */
  static final int WINDOW = 64;
  static final double RATE_HZ = 50;
  /** Counts per g of the simulated accelerometer (±16 g full scale on int16, like common MEMS parts at ±16 g). */
  static final int COUNTS_PER_G = 2048;

  /**
   * sensor-motion: windows of a 3-axis accelerometer (int16 counts, 64 samples at 50 Hz, shape
   * (N, 1, 64, 3)), 4 activities: still (gravity and noise), walk (1.5 to 2.3 Hz, 0.15 to 0.6 g along a
   * random body axis, with a second harmonic), run (2.2 to 3.2 Hz, 0.5 to 1.4 g, sharper peaks), shake
   * (5 to 9 Hz, 0.8 to 2 g, random direction). Every window has gravity along a random orientation, a
   * random phase, a random per-axis offset of up to 0.05 g and noise of 0.02 to 0.08 g. 2,400 training
   * and 800 test windows, classes balanced.
   */
  public static byte[] sensorMotion() {
    Random random = new Random(0x5e9503L);
    Map<String, NpyWriter.Array> arrays = new LinkedHashMap<>();
    for (String split : new String[] {"train", "test"}) {
      int n = split.equals("train") ? 2400 : 800;
      short[] x = new short[n * WINDOW * 3];
      long[] y = new long[n];
      for (int s = 0; s < n; s++) {
        int label = s % MOTIONS.length;
        y[s] = label;
        motionWindow(label, random, x, s * WINDOW * 3);
      }
      arrays.put("x_" + split, NpyWriter.int16(x, n, 1, WINDOW, 3));
      arrays.put("y_" + split, NpyWriter.int64(y, n));
    }
    arrays.put("class_names", NpyWriter.strings(MOTIONS));
    return NpyWriter.npz(arrays);
  }

  private static void motionWindow(int label, Random random, short[] x, int at) {
    double[] gravity = unit(random);
    double[] axis = unit(random);
    double noise = 0.02 + 0.06 * random.nextDouble();
    double phase = 2 * StrictMath.PI * random.nextDouble();
    double freq;
    double amp;
    switch (label) {
      case 1 -> {
        freq = 1.5 + 0.8 * random.nextDouble();
        amp = 0.15 + 0.45 * random.nextDouble();
      }
      case 2 -> {
        freq = 2.2 + 1.0 * random.nextDouble();
        amp = 0.5 + 0.9 * random.nextDouble();
      }
      case 3 -> {
        freq = 5 + 4 * random.nextDouble();
        amp = 0.8 + 1.2 * random.nextDouble();
      }
      default -> {
        freq = 0;
        amp = 0;
      }
    }
    double[] offset = {0.05 * (2 * random.nextDouble() - 1), 0.05 * (2 * random.nextDouble() - 1),
        0.05 * (2 * random.nextDouble() - 1)};
    for (int t = 0; t < WINDOW; t++) {
      double time = t / RATE_HZ;
      double w = 2 * StrictMath.PI * freq * time + phase;
      double motion = switch (label) {
        case 1 -> amp * (StrictMath.sin(w) + 0.3 * StrictMath.sin(2 * w));
        case 2 -> amp * (StrictMath.sin(w) + 0.5 * StrictMath.sin(2 * w + 0.5) + 0.25 * StrictMath.sin(3 * w));
        case 3 -> amp * StrictMath.sin(w);
        default -> 0;
      };
      for (int k = 0; k < 3; k++) {
        double g = gravity[k] + motion * axis[k] + offset[k] + noise * random.nextGaussian();
        long counts = StrictMath.round(g * COUNTS_PER_G);
        x[at + 3 * t + k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, counts));
      }
    }
  }

  private static double[] unit(Random random) {
    double a = random.nextGaussian();
    double b = random.nextGaussian();
    double c = random.nextGaussian();
    double n = StrictMath.sqrt(a * a + b * b + c * c) + 1e-12;
    return new double[] {a / n, b / n, c / n};
  }

  /** Shapes of {@link #shapesRgb}. */
  static final String[] SHAPES = {"disc", "square", "cross", "ring"};
  static final int SIDE = 16;

  /**
   * shapes-rgb: 16x16 RGB images (uint8, shape (N, 16, 16, 3)) of one of 4 shapes (disc, square,
   * cross, ring) of random size (radius 3 to 6 pixels) and position, in a random bright colour on a
   * random dark background (the shape's channel sum exceeds the background's by at least 240), with
   * uniform noise of ±12 per channel. The class is the shape, never the colour. 4,000 training and
   * 1,000 test images, classes balanced.
   */
  public static byte[] shapesRgb() {
    Random random = new Random(0x5a9e5L);
    Map<String, NpyWriter.Array> arrays = new LinkedHashMap<>();
    for (String split : new String[] {"train", "test"}) {
      int n = split.equals("train") ? 4000 : 1000;
      byte[] x = new byte[n * SIDE * SIDE * 3];
      long[] y = new long[n];
      for (int s = 0; s < n; s++) {
        int label = s % SHAPES.length;
        y[s] = label;
        shapeImage(label, random, x, s * SIDE * SIDE * 3);
      }
      arrays.put("x_" + split, NpyWriter.uint8(x, n, SIDE, SIDE, 3));
      arrays.put("y_" + split, NpyWriter.int64(y, n));
    }
    arrays.put("class_names", NpyWriter.strings(SHAPES));
    return NpyWriter.npz(arrays);
  }

  private static void shapeImage(int label, Random random, byte[] x, int at) {
    int[] background = new int[3];
    int[] colour = new int[3];
    do {
      for (int k = 0; k < 3; k++) {
        background[k] = random.nextInt(110);
        colour[k] = random.nextInt(256);
      }
    } while (colour[0] + colour[1] + colour[2] - background[0] - background[1] - background[2] < 240);
    int r = 3 + random.nextInt(4);
    int cy = r + random.nextInt(SIDE - 2 * r);
    int cx = r + random.nextInt(SIDE - 2 * r);
    for (int py = 0; py < SIDE; py++) {
      for (int px = 0; px < SIDE; px++) {
        int dy = py - cy;
        int dx = px - cx;
        int d2 = dy * dy + dx * dx;
        boolean inside = switch (label) {
          case 0 -> d2 <= r * r;
          case 1 -> Math.abs(dy) <= r - 1 && Math.abs(dx) <= r - 1;
          case 2 -> (Math.abs(dy) <= 1 && Math.abs(dx) <= r) || (Math.abs(dx) <= 1 && Math.abs(dy) <= r);
          default -> d2 <= r * r && d2 >= (r - 2) * (r - 2);
        };
        for (int k = 0; k < 3; k++) {
          int v = (inside ? colour[k] : background[k]) + random.nextInt(25) - 12;
          x[at + (py * SIDE + px) * 3 + k] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
  }
}
