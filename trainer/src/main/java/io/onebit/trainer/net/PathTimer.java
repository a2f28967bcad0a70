package io.onebit.trainer.net;

/**
 * Chooses between two implementations of the same computation by timing them, as cuDNN's
 * benchmark mode does: a convolution's direct backward and its column (im2col + GEMM) backward
 * give the same bits, but which is faster depends on the shape and the machine (measured on cnn-s
 * with 30 % zero gradients: the direct path 1.4× slower on its 7 × 7 × 32 → 64 convolution, 0.8×
 * on its 14 × 14 × 32 → 32 one). The first {@link #CALLS} calls alternate the two; the first
 * {@link #UNTIMED} of each only let the JIT compile it; the rest are timed, and from then on the
 * faster (by its best time) is taken. Only the speed depends on the choice, never the result.
 */
final class PathTimer {
  /** Calls of each path before the choice. */
  static final int CALLS = 8;
  /** Calls of each path not timed (JIT warm-up). */
  static final int UNTIMED = 4;

  private int calls;
  private long bestFirst = Long.MAX_VALUE;
  private long bestSecond = Long.MAX_VALUE;

  /** Whether the next call takes the first path. */
  boolean first() {
    if (calls < 2 * CALLS) {
      return calls % 2 == 0;
    }
    return bestFirst <= bestSecond;
  }

  /** Records the call just made (by {@link #first}'s answer) and its duration in nanoseconds. */
  void record(boolean first, long nanos) {
    if (calls < 2 * CALLS) {
      if (calls >= 2 * UNTIMED) {
        if (first) {
          bestFirst = Math.min(bestFirst, nanos);
        } else {
          bestSecond = Math.min(bestSecond, nanos);
        }
      }
      calls++;
    }
  }

  /** Whether the choice is made. */
  boolean decided() {
    return calls >= 2 * CALLS;
  }
}
