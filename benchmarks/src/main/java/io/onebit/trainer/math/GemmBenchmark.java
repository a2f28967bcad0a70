package io.onebit.trainer.math;

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
 * The float kernel of the backward pass at the shapes training uses: lfc's weight gradient
 * (1024 × 1024 over a batch of 100) and input gradient, cnn-s's second convolution (19,600
 * window rows of K = 288, 32 filters) and its 8-bit first layer's weight gradient (32 filters of
 * K = 9 over 78,400 windows: a product narrower than one vector tile). Reports milliseconds per
 * product; GFLOP/s = 2·M·K·N / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {
  /**
   * "MxKxN:how" of C[M][N] += L[M][K]·R[K][N]; how = "t" when L is read transposed (the weight
   * gradient reads ∂L/∂z that way), "n" when row by row (the input gradient).
   */
  @Param({"1024x100x1024:t", "100x1024x1024:n", "32x256x288:t", "32x19600x288:t", "19600x32x288:n", "32x78400x9:t"})
  public String shape;

  private float[] c;
  private float[] l;
  private float[] r;
  private int m;
  private int k;
  private int n;
  private boolean transposed;

  @Setup
  public void setup() {
    String[] p = shape.replace(':', 'x').split("x");
    m = Integer.parseInt(p[0]);
    k = Integer.parseInt(p[1]);
    n = Integer.parseInt(p[2]);
    transposed = p[3].equals("t");
    Random random = new Random(1);
    c = new float[m * n];
    l = new float[m * k];
    r = new float[k * n];
    for (int i = 0; i < l.length; i++) {
      l[i] = random.nextFloat() - 0.5f;
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = random.nextBoolean() ? 1f : -1f;
    }
  }

  @Benchmark
  public float[] multiplyAdd() {
    if (transposed) {
      Gemm.multiplyAdd(c, l, 1, m, r, m, k, n);
    } else {
      Gemm.multiplyAdd(c, l, k, 1, r, m, k, n);
    }
    return c;
  }
}
