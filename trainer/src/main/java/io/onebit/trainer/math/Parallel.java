package io.onebit.trainer.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of independent work items over the machine's cores.
 *
 * <p>Each item is computed by exactly one thread with a fixed loop order, so results do not depend
 * on the number of threads: training with a given seed is reproducible on any machine.
 */
public final class Parallel {
  /** A body that handles items [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, runnable -> {
    Thread thread = new Thread(runnable, "onebit-worker");
    thread.setDaemon(true);
    return thread;
  });

  private Parallel() {}

  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} over [0, n) in at most {@code threads()} contiguous chunks whose sizes are
   * multiples of {@code grain} (except the last). Small ranges run on the calling thread.
   */
  public static void range(int n, int grain, RangeBody body) {
    int units = (n + grain - 1) / grain;
    int chunks = Math.min(THREADS, units);
    if (chunks <= 1) {
      body.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(chunks - 1);
    int unitsPerChunk = (units + chunks - 1) / chunks;
    int step = unitsPerChunk * grain;
    for (int from = step; from < n; from += step) {
      int start = from;
      int end = Math.min(n, from + step);
      futures.add(POOL.submit(() -> body.run(start, end)));
    }
    body.run(0, Math.min(n, step));
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    }
  }
}
