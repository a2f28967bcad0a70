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
 * (1024 × 1024 over a batch of 100) and input gradient, and cnn-s's second convolution (19,600
 * window rows of K = 288, 32 filters). Reports milliseconds per product; GFLOP/s = 2·M·K·N / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {
  /** M×K×N: "rows,inner,cols" of C[M][N] += L[M][K]·R[K][N]. */
  @Param({"1024,100,1024", "100,1024,1024", "32,19600,288", "19600,32,288"})
  public String shape;

  private float[] c;
  private float[] l;
  private float[] r;
  private int m;
  private int k;
  private int n;

  @Setup
  public void setup() {
    String[] p = shape.split(",");
    m = Integer.parseInt(p[0]);
    k = Integer.parseInt(p[1]);
    n = Integer.parseInt(p[2]);
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
    Gemm.multiplyAdd(c, l, k, 1, r, m, k, n);
    return c;
  }
}
