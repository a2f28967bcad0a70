package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A convolution and the 2 × 2 max-pool after it on a batch of 100, at cnn-s's shapes: its first
 * convolution (28 × 28 raw bytes → 32, no input gradient) and its second (14 × 14 × 32 ±1 → 32),
 * computed as one pass a sample at a time and through the pool's maxima ({@code fused}) or as
 * the two layers' own forwards and backwards. A third of the pool's output gradient is zero (the
 * hard-tanh cancel of the next sign).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ConvPoolBenchmark {
  @Param({"cnn-s-conv1", "cnn-s-conv2"})
  public String layer;

  @Param({"true", "false"})
  public boolean fused;

  private Conv2d conv;
  private MaxPool2d pool;
  private Activations input;
  private float[] gradient;
  private float[] scratch;
  private boolean firstLayer;

  @Setup
  public void setup() {
    Random random = new Random(1);
    int batch = 100;
    firstLayer = layer.equals("cnn-s-conv1");
    int size = firstLayer ? 28 : 14;
    int channels = firstLayer ? 1 : 32;
    conv = new Conv2d("c", new ConvGeometry(size, size, 3, 3, 1, "same"), channels, 32, firstLayer ? 0f : 1f, random);
    pool = new MaxPool2d(size, size, 32, 2, 2, 2);
    TensorShape in = new TensorShape(size, size, channels);
    float[] v = new float[batch * in.elements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = firstLayer ? random.nextInt(256) : random.nextBoolean() ? 1f : -1f;
    }
    input = new Activations(in);
    if (firstLayer) {
      input.prepare(batch, false);
      System.arraycopy(v, 0, input.values(), 0, v.length);
    } else {
      input.setSigns(v, batch);
    }
    gradient = new float[batch * pool.outputShape().elements()];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextGaussian();
    }
    scratch = new float[gradient.length];
    forward();
  }

  @Benchmark
  public Activations forward() {
    return fused ? pool.forwardAfter(conv, input, true) : pool.forward(conv.forward(input, true, null), true, null);
  }

  @Benchmark
  public float[] backward() {
    System.arraycopy(gradient, 0, scratch, 0, gradient.length);
    if (fused) {
      return conv.backwardThroughPool(pool, scratch, !firstLayer);
    }
    return conv.backward(pool.backward(scratch, true), !firstLayer);
  }
}
