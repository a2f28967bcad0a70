package io.onebit.trainer.math;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a range of independent work items over the machine's cores.
 *
 * <p>Each item is computed by exactly one thread with a fixed loop order, and the split depends
 * only on the range, the grain and the core count, so results do not depend on which thread runs
 * what: training with a given seed is reproducible on any machine with the same core count (and
 * bit-identical on any machine where the kernels' sums do not follow the split).
 *
 * <p>The hand-off is built for training's many short parallel sections (a batch of lfc makes
 * about fifty, many of them 100 × 1024 elementwise passes of a few microseconds): the calling
 * thread runs the first chunk itself, and one persistent worker per further core picks up its
 * chunk by spinning on a volatile slot, parking only after {@link #SPIN_NANOS} without work. A
 * thread pool's queue and futures cost 40–50 µs per call back to back and 90–120 µs after a pause
 * on this 2-core VM (measured: more than the 6 µs such a pass takes on one core); the spinning
 * hand-off costs about a microsecond.
 *
 * <p>A call made while another is running (from a chunk, i.e. nested, or from a second thread)
 * runs its chunks one after the other on the calling thread: same split, same results.
 */
public final class Parallel {
  /** A body that handles items [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** How long an idle worker spins before it parks: longer than the gaps between a step's sections. */
  private static final long SPIN_NANOS = 1_000_000;
  private static final Worker[] WORKERS = new Worker[THREADS - 1];
  private static final AtomicBoolean BUSY = new AtomicBoolean();

  static {
    for (int i = 0; i < WORKERS.length; i++) {
      WORKERS[i] = new Worker(i);
      WORKERS[i].start();
    }
  }

  private Parallel() {}

  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} over [0, n) in at most {@code threads()} contiguous chunks whose sizes are
   * multiples of {@code grain} (except the last). Small ranges run on the calling thread. An
   * exception in any chunk is rethrown here after every chunk has finished.
   */
  public static void range(int n, int grain, RangeBody body) {
    int units = (n + grain - 1) / grain;
    int chunks = Math.min(THREADS, units);
    if (chunks <= 1) {
      body.run(0, n);
      return;
    }
    int step = (units + chunks - 1) / chunks * grain;
    if (Thread.currentThread() instanceof Worker || !BUSY.compareAndSet(false, true)) {
      for (int from = 0; from < n; from += step) {
        body.run(from, Math.min(n, from + step));
      }
      return;
    }
    try {
      int handed = 0;
      for (int from = step; from < n; from += step) {
        WORKERS[handed++].submit(body, from, Math.min(n, from + step));
      }
      Throwable failure = null;
      try {
        body.run(0, Math.min(n, step));
      } catch (Throwable t) {
        failure = t;
      }
      for (int i = 0; i < handed; i++) {
        Throwable t = WORKERS[i].await();
        if (failure == null) {
          failure = t;
        }
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    } finally {
      BUSY.set(false);
    }
  }

  /** A persistent daemon thread that runs one chunk at a time, handed over through volatile fields. */
  private static final class Worker extends Thread {
    private volatile RangeBody task;
    private volatile boolean done = true;
    private volatile boolean parked;
    private int from;
    private int to;
    private Throwable failure;

    Worker(int index) {
      super("onebit-worker-" + index);
      setDaemon(true);
    }

    /** Hands over a chunk; the writes of from/to happen before the volatile write of the task. */
    void submit(RangeBody body, int chunkFrom, int chunkTo) {
      from = chunkFrom;
      to = chunkTo;
      failure = null;
      done = false;
      task = body;
      // Dekker with run(): it sets parked before re-reading task, we set task before reading
      // parked, so either it sees the task or we see it parked and wake it.
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    /** Waits for the chunk handed over last; returns what it threw, or null. */
    Throwable await() {
      long start = System.nanoTime();
      while (!done) {
        if (System.nanoTime() - start < 20_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield(); // the worker may be waiting for a core: do not spin on it
        }
      }
      return failure;
    }

    @Override
    public void run() {
      while (true) {
        RangeBody body = nextTask();
        try {
          body.run(from, to);
        } catch (Throwable t) {
          failure = t;
        }
        task = null;
        done = true;
      }
    }

    private RangeBody nextTask() {
      long idleSince = System.nanoTime();
      while (true) {
        RangeBody body = task;
        if (body != null) {
          return body;
        }
        if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        parked = true;
        if (task == null) {
          LockSupport.park(this);
        }
        parked = false;
        idleSince = System.nanoTime();
      }
    }
  }
}
