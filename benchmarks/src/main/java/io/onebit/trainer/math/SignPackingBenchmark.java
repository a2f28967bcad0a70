package io.onebit.trainer.math;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sign(x) packed 64 per long plus ±1 floats, for one 14×14×32 activation (6,272 values): the work of
 * a sign layer per sample. {@code vector} is SignPacking (8 lanes, mask to bits); {@code scalar} the
 * plain loop it replaced, kept here as the reference for the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SignPackingBenchmark {
  private static final int N = 6272;
  private final float[] src = new float[N];
  private final float[] signs = new float[N];
  private final long[] packed = new long[(N + 63) / 64];

  @Setup
  public void setup() {
    Random random = new Random(1);
    for (int i = 0; i < N; i++) {
      src[i] = (float) random.nextGaussian();
    }
  }

  @Benchmark
  public long[] vector() {
    SignPacking.pack(src, 0, N, packed, 0, signs, 0);
    return packed;
  }

  @Benchmark
  public long[] scalar() {
    for (int w = 0; w < packed.length; w++) {
      long word = 0;
      int base = w << 6;
      int limit = Math.min(64, N - base);
      for (int b = 0; b < limit; b++) {
        boolean negative = src[base + b] < 0f;
        signs[base + b] = negative ? -1f : 1f;
        word |= (negative ? 1L : 0L) << b;
      }
      packed[w] = word;
    }
    return packed;
  }

  /** The packed bits alone (as for every weight after every step). */
  @Benchmark
  public long[] bits() {
    SignPacking.packBits(src, 0, N, packed, 0);
    return packed;
  }

  /** The plain compare-and-shift loop {@code bits} replaced, the reference for the ratio. */
  @Benchmark
  public long[] bitsScalar() {
    for (int w = 0; w < packed.length; w++) {
      long word = 0;
      int base = w << 6;
      int limit = Math.min(64, N - base);
      for (int b = 0; b < limit; b++) {
        word |= (src[base + b] < 0f ? 1L : 0L) << b;
      }
      packed[w] = word;
    }
    return packed;
  }
}
