package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A convolution and the max-pool after it computed a sample at a time ({@link MaxPool2d#forwardAfter})
 * give the bits of the two layers' own forwards: pooled outputs, argmax (seen through the pool's
 * backward), the convolution's weight and input gradients; float inputs with real values and
 * real weights too (not only integer sums), packed ±1 inputs, inference.
 */
class ConvPoolFusionTest {
  private record Pair(Conv2d conv, MaxPool2d pool) {}

  private static Pair pair(int h, int w, int c, int filters, String padding, int poolSize, boolean realWeights) {
    return pair(h, w, c, filters, 3, padding, poolSize, realWeights, 0f);
  }

  private static Pair pair(int h, int w, int c, int filters, int kernel, String padding, int poolSize,
      boolean realWeights) {
    return pair(h, w, c, filters, kernel, padding, poolSize, realWeights, 0f);
  }

  /** {@code padValue}: 1 for ±1 inputs as the builder pads hidden convolutions (the XOR forward's padding bits are +1). */
  private static Pair pair(int h, int w, int c, int filters, int kernel, String padding, int poolSize,
      boolean realWeights, float padValue) {
    ConvGeometry g = new ConvGeometry(h, w, kernel, kernel, 1, padding);
    Conv2d conv = new Conv2d("c", g, c, filters, padValue, new Random(h * 31 + filters));
    conv.setBinaryWeights(!realWeights);
    MaxPool2d pool = new MaxPool2d(g.outHeight(), g.outWidth(), filters, poolSize, poolSize, poolSize);
    return new Pair(conv, pool);
  }

  /** Pooled output (training and inference), pool input gradient, weight gradient, conv input gradient. */
  private static String[] run(Pair p, Activations in, float[] dy, boolean fused) {
    Activations y = fused ? p.pool.forwardAfter(p.conv, in, false) : p.pool.forward(p.conv.forward(in, false, null),
        false, null);
    String inference = Arrays.toString(Arrays.copyOf(y.values(), y.batch() * y.elements()));
    y = fused ? p.pool.forwardAfter(p.conv, in, true) : p.pool.forward(p.conv.forward(in, true, null), true, null);
    String training = Arrays.toString(Arrays.copyOf(y.values(), y.batch() * y.elements()));
    float[] dz = p.pool.backward(dy.clone(), true);
    String dzs = Arrays.toString(Arrays.copyOf(dz, in.batch() * p.pool.inputShape().elements()));
    p.conv.latent().zeroGrad();
    float[] dx = p.conv.backward(dz, true);
    return new String[] {inference, training, dzs, Arrays.toString(p.conv.latent().grad()),
        Arrays.toString(Arrays.copyOf(dx, in.batch() * in.elements()))};
  }

  @ParameterizedTest
  @CsvSource({
      "28,28,1,32,same,2,false,false", "14,14,32,32,same,2,false,true", "10,10,3,16,same,2,true,false",
      "8,8,8,8,valid,3,false,false", "9,9,16,24,same,3,false,true", "12,12,1,32,same,2,true,false"})
  void fusedForwardGivesTheTwoLayersBits(int h, int w, int c, int filters, String padding, int poolSize,
      boolean realWeights, boolean binaryInput) {
    Random random = new Random(h + 7L * c + filters);
    TensorShape shape = new TensorShape(h, w, c);
    int batch = 5;
    Activations in;
    if (binaryInput) {
      in = Batches.signs(shape, batch, random);
    } else {
      float[] x = Batches.gaussian(batch * shape.elements(), random); // real values: float sums round
      in = Batches.real(shape, x);
    }
    float padValue = binaryInput ? 1f : 0f; // as the builder pads: +1 behind a sign, 0 for raw values
    Pair separate = pair(h, w, c, filters, 3, padding, poolSize, realWeights, padValue);
    Pair fused = pair(h, w, c, filters, 3, padding, poolSize, realWeights, padValue);
    assertTrue(fused.conv.samplewise(in));
    float[] dy = Batches.gaussian(batch * fused.pool.outputShape().elements(), random);
    String[] expected = run(separate, in, dy, false);
    String[] actual = run(fused, in, dy, true);
    String[] what = {"inference output", "training output", "pool input gradient", "weight gradient",
        "input gradient"};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], what[i]);
    }
  }

  /**
   * A first convolution's weight gradient straight from its pool's output gradient: the bits of
   * the pool's backward then the convolution's, by either of its backward paths, set or added to
   * an earlier gradient; gradients with zeros (the hard-tanh cancel), a pool that drops the last
   * row and column of the convolution's output (7 × 7 → 3 × 3), one of 3 × 3 windows, and 2 × 2
   * and 1 × 1 kernels (K short of a whole pass of nine taps).
   */
  @ParameterizedTest
  @CsvSource({
      "28,28,1,32,3,same,2,COLUMNS,true", "28,28,1,32,3,same,2,DIRECT,false", "10,10,1,16,3,same,2,COLUMNS,false",
      "9,9,1,8,3,valid,2,DIRECT,true", "9,9,1,8,3,valid,2,COLUMNS,false", "12,12,1,24,3,same,3,COLUMNS,true",
      "10,10,1,8,2,same,2,COLUMNS,true", "11,11,1,16,1,valid,2,COLUMNS,false"})
  void theWeightGradientThroughThePoolGivesTheTwoLayersBits(int h, int w, int c, int filters, int kernel,
      String padding, int poolSize, String path, boolean set) {
    Random random = new Random(h * 5L + c + filters);
    TensorShape shape = new TensorShape(h, w, c);
    int batch = 4;
    float[] x = new float[batch * shape.elements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(256); // an 8-bit first layer's bytes
    }
    Activations in = Batches.real(shape, x);
    Pair separate = pair(h, w, c, filters, kernel, padding, poolSize, false);
    Pair fused = pair(h, w, c, filters, kernel, padding, poolSize, false);
    float[] dy = poolGradient(fused, batch, random);
    earlierGradient(separate, fused, set, random);
    separate.pool.forward(separate.conv.forward(in, true, null), true, null);
    Conv2d.BackwardPath before = Conv2d.backwardPath;
    Conv2d.backwardPath = Conv2d.BackwardPath.valueOf(path);
    try {
      assertEquals(null, separate.conv.backward(separate.pool.backward(dy.clone(), true), false));
    } finally {
      Conv2d.backwardPath = before;
    }
    fused.pool.forwardAfter(fused.conv, in, true);
    assertEquals(null, fused.conv.backwardThroughPool(fused.pool, dy.clone(), false));
    assertEquals(Arrays.toString(separate.conv.latent().grad()), Arrays.toString(fused.conv.latent().grad()));
  }

  /**
   * A hidden convolution's backward straight from its pool's output gradient (the direct path's
   * lists built from the pooled gradient): the weight and input gradients are the bits of the
   * pool's backward then the convolution's column backward (GEMMs); windows dropping the last row and
   * column, 3 × 3 windows, GEMM rows fused and not (the last 4-row group partial), set or added.
   */
  @ParameterizedTest
  @CsvSource({
      "14,14,32,32,same,2,true", "9,9,8,16,same,2,false", "9,9,16,6,same,3,true", "8,8,8,24,valid,2,true",
      "7,7,8,8,same,2,false"})
  void theDirectBackwardThroughThePoolGivesTheTwoLayersBits(int h, int w, int c, int filters, String padding,
      int poolSize, boolean set) {
    Random random = new Random(h * 3L + c + filters);
    TensorShape shape = new TensorShape(h, w, c);
    int batch = 5;
    Activations in = Batches.signs(shape, batch, random);
    Pair separate = pair(h, w, c, filters, 3, padding, poolSize, false, 1f);
    Pair fused = pair(h, w, c, filters, 3, padding, poolSize, false, 1f);
    float[] dy = poolGradient(fused, batch, random);
    earlierGradient(separate, fused, set, random);
    separate.pool.forward(separate.conv.forward(in, true, null), true, null);
    float[] expected;
    Conv2d.BackwardPath before = Conv2d.backwardPath;
    try {
      // The reference takes the column path (GEMMs), which the direct kernels must match bit for bit.
      Conv2d.backwardPath = Conv2d.BackwardPath.COLUMNS;
      expected = separate.conv.backward(separate.pool.backward(dy.clone(), true), true).clone();
      Conv2d.backwardPath = Conv2d.BackwardPath.DIRECT;
      fused.pool.forwardAfter(fused.conv, in, true);
      float[] actual = fused.conv.backwardThroughPool(fused.pool, dy.clone(), true);
      int n = batch * shape.elements();
      assertEquals(Arrays.toString(Arrays.copyOf(expected, n)), Arrays.toString(Arrays.copyOf(actual, n)),
          "input gradient");
    } finally {
      Conv2d.backwardPath = before;
    }
    assertEquals(Arrays.toString(separate.conv.latent().grad()), Arrays.toString(fused.conv.latent().grad()),
        "weight gradient");
  }

  /**
   * Overlapping windows, or a convolution whose backward takes the column path (channels not in
   * vectors, or forced), keep the two layers' own backwards; the rest go through the pool.
   */
  @ParameterizedTest
  @CsvSource({"1,8,2,2,AUTO", "3,8,2,2,AUTO", "1,12,2,2,AUTO", "1,8,3,2,AUTO", "8,8,2,2,AUTO", "8,8,2,2,COLUMNS",
      "8,8,3,2,AUTO"})
  void otherShapesAreNotFused(int channels, int filters, int poolSize, int poolStride, String path) {
    ConvGeometry g = new ConvGeometry(8, 8, 3, 3, 1, "same");
    Conv2d conv = new Conv2d("c", g, channels, filters, 0f, new Random(1));
    MaxPool2d pool = new MaxPool2d(8, 8, filters, poolSize, poolSize, poolStride);
    boolean overlap = poolStride < poolSize;
    boolean fits = !overlap && (channels == 1 && filters % 8 == 0 || channels % 8 == 0 && path.equals("AUTO"));
    TensorShape shape = new TensorShape(8, 8, channels);
    pool.forwardAfter(conv, Batches.real(shape, Batches.gaussian(2 * shape.elements(), new Random(2))), true);
    Conv2d.BackwardPath before = Conv2d.backwardPath;
    Conv2d.backwardPath = Conv2d.BackwardPath.valueOf(path);
    try {
      float[] result = conv.backwardThroughPool(pool, new float[2 * pool.outputShape().elements()], false);
      assertEquals(fits, result != Conv2d.NOT_THROUGH_POOL);
    } finally {
      Conv2d.backwardPath = before;
    }
  }

  /** The pool's output gradient: Gaussian, a third of it zero (the hard-tanh cancel of the next sign). */
  private static float[] poolGradient(Pair p, int batch, Random random) {
    float[] dy = Batches.gaussian(batch * p.pool.outputShape().elements(), random);
    for (int i = 0; i < dy.length; i++) {
      if (random.nextInt(3) == 0) {
        dy[i] = 0f;
      }
    }
    return dy;
  }

  /** The same earlier gradient in both pairs' weights, to be added to, or (with {@code set}) overwritten. */
  private static void earlierGradient(Pair a, Pair b, boolean set, Random random) {
    float[] earlier = Batches.gaussian(a.conv.outputs * a.conv.fanIn, random);
    for (Pair p : new Pair[] {a, b}) {
      System.arraycopy(earlier, 0, p.conv.latent().grad(), 0, earlier.length);
      if (set) {
        p.conv.setGradientOnNextBackward();
      }
    }
  }

  /** 7 × 7 outputs per sample: a float forward's rows split into unfused GEMM rows differently, so no fusion. */
  @Test
  void aFloatConvolutionWithOddRowsPerSampleIsNotFused() {
    Pair p = pair(7, 7, 2, 8, "same", 2, false);
    Random random = new Random(5);
    Activations floats = Batches.real(new TensorShape(7, 7, 2), Batches.gaussian(3 * 98, random));
    assertFalse(p.conv.samplewise(floats));
    assertTrue(p.conv.samplewise(Batches.signs(new TensorShape(7, 7, 2), 3, random)), "integer sums fuse always");
  }

  /** The network fuses a convolution with its max-pool only within the layers asked for. */
  @Test
  void aNetworkStoppedAtTheConvolutionGetsItsOutput() {
    Pair p = pair(8, 8, 1, 8, "same", 2, false);
    Network net = new Network(new TensorShape(8, 8, 1), new InputEncoding.Threshold(128), 2,
        java.util.List.of(p.conv, p.pool));
    Activations in = Batches.real(new TensorShape(8, 8, 1), Batches.gaussian(2 * 64, new Random(9)));
    Activations z = net.forwardTo(in, 1, true, null);
    assertEquals(p.conv.outputShape(), z.shape());
    float[] expected = p.conv.forward(in, true, null).values().clone();
    assertArrayEquals(Arrays.copyOf(expected, 2 * 8 * 8 * 8), Arrays.copyOf(z.values(), 2 * 8 * 8 * 8));
  }
}
