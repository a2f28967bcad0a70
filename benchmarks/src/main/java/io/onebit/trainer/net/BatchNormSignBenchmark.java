package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.quant.SteSign;
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
 * BatchNorm and the ste-sign after it on a batch of 100 in training, at cnn-s's first block
 * (14 × 14 × 32), its second (7 × 7 × 32) and an lfc hidden layer (1024): as one pass per sample
 * with the sign's mask inside BatchNorm's backward ({@code fused}, {@link Sign#forwardAfter}) or as
 * the two layers' own forwards and backwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class BatchNormSignBenchmark {
  @Param({"14x14x32", "7x7x32", "1x1x1024"})
  public String shape;

  @Param({"true", "false"})
  public boolean fused;

  private BatchNorm bn;
  private Sign sign;
  private Activations input;
  private float[] gradient;
  private float[] scratch;

  @Setup
  public void setup() {
    Random random = new Random(1);
    String[] hwc = shape.split("x");
    TensorShape s = new TensorShape(Integer.parseInt(hwc[0]), Integer.parseInt(hwc[1]), Integer.parseInt(hwc[2]));
    int batch = 100;
    bn = new BatchNorm("bn", s, false);
    sign = new Sign(s, new SteSign(1f));
    input = new Activations(s);
    input.prepare(batch, false);
    float[] z = input.values();
    for (int i = 0; i < batch * s.elements(); i++) {
      z[i] = random.nextInt(289) - 144; // a binary convolution's integer sums
    }
    gradient = new float[batch * s.elements()];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = (float) random.nextGaussian() * 1e-3f;
    }
    scratch = new float[gradient.length];
    forward();
  }

  @Benchmark
  public Activations forward() {
    return fused ? sign.forwardAfter(bn, input) : sign.forward(bn.forward(input, true, null), true, null);
  }

  @Benchmark
  public float[] backward() {
    System.arraycopy(gradient, 0, scratch, 0, gradient.length);
    return fused ? sign.backwardAfter(bn, scratch) : bn.backward(sign.backward(scratch, true), true);
  }
}
