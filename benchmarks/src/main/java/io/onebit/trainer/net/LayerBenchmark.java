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
 * One training layer's forward and backward on a batch of 100 at the shapes of the shipped
 * networks: lfc's 1024 → 1024 dense layer, cnn-s's first convolution (28×28 raw bytes → 32, 3×3
 * same, no input gradient), its second (14×14×32 → 32, 3×3 same) and its third (7×7×32 → 64, 3×3
 * valid). Inputs are ±1 (a sign layer's output) or bytes 0..255 for the first layer; the backward
 * gradient has the sparsity a 2×2 max-pool and the STE cancel give (about 80 % zeros) or is dense.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class LayerBenchmark {
  @Param({"lfc-dense", "cnn-s-conv1", "cnn-s-conv2", "cnn-s-conv3"})
  public String layer;

  /** Share of the backward's incoming gradient that is zero. */
  @Param({"0.0", "0.5", "0.8"})
  public double zeros;

  /** A convolution's backward: chosen by density (AUTO), or forced to COLUMNS or DIRECT. */
  @Param({"AUTO"})
  public String path;

  private WeightLayer weights;
  private Activations input;
  private float[] gradient;
  private float[] scratch;
  private boolean firstLayer;

  @Setup
  public void setup() {
    Random random = new Random(1);
    int batch = 100;
    TensorShape in;
    switch (layer) {
      case "lfc-dense" -> {
        in = TensorShape.vector(1024);
        weights = new Dense("d", 1024, 1024, random);
      }
      case "cnn-s-conv1" -> {
        in = new TensorShape(28, 28, 1);
        weights = new Conv2d("c", new ConvGeometry(28, 28, 3, 3, 1, "same"), 1, 32, 0f, random);
        firstLayer = true;
      }
      case "cnn-s-conv2" -> {
        in = new TensorShape(14, 14, 32);
        weights = new Conv2d("c", new ConvGeometry(14, 14, 3, 3, 1, "same"), 32, 32, 1f, random);
      }
      default -> {
        in = new TensorShape(7, 7, 32);
        weights = new Conv2d("c", new ConvGeometry(7, 7, 3, 3, 1, "valid"), 32, 64, 1f, random);
      }
    }
    float[] v = new float[batch * in.elements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextBoolean() ? 1f : -1f;
    }
    input = new Activations(in);
    if (firstLayer) {
      input.prepare(batch, false);
      float[] bytes = input.values();
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(256);
      }
    } else {
      input.setSigns(v, batch);
    }
    int outputs = batch * weights.outputShape().elements();
    gradient = new float[outputs];
    for (int i = 0; i < outputs; i++) {
      gradient[i] = random.nextDouble() < zeros ? 0f : (float) random.nextGaussian();
    }
    scratch = new float[outputs];
    weights.forward(input, true, null);
    Conv2d.backwardPath = Conv2d.BackwardPath.valueOf(path);
  }

  @Benchmark
  public Activations forward() {
    return weights.forward(input, true, null);
  }

  /** The backward as training runs it: the weight gradient set, not added to. */
  @Benchmark
  public float[] backward() {
    System.arraycopy(gradient, 0, scratch, 0, gradient.length);
    weights.setGradientOnNextBackward();
    return weights.backward(scratch, !firstLayer);
  }
}
