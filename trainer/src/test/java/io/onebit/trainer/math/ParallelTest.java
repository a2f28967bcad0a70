package io.onebit.trainer.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The split over cores: every item once, the fixed chunking, failures, nested and concurrent calls. */
class ParallelTest {
  @Test
  void everyItemIsRunOnceInChunksOfTheGrain() {
    for (int n : new int[] {0, 1, 7, 64, 1000, 100_001}) {
      for (int grain : new int[] {1, 3, 64, 1 << 15}) {
        int[] hits = new int[n];
        ConcurrentLinkedQueue<int[]> chunks = new ConcurrentLinkedQueue<>();
        Parallel.range(n, grain, (from, to) -> {
          chunks.add(new int[] {from, to});
          for (int i = from; i < to; i++) {
            hits[i]++;
          }
        });
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, hits, "n " + n + ", grain " + grain);
        assertTrue(chunks.size() <= Math.max(1, Parallel.threads()), "at most one chunk per core");
        for (int[] c : chunks) {
          assertTrue(c[0] % grain == 0, "chunks start on the grain");
        }
      }
    }
  }

  @Test
  void manyShortCallsInARowAllComplete() {
    float[] x = new float[100_000];
    for (int call = 0; call < 20_000; call++) {
      Parallel.range(x.length, 1 << 12, (from, to) -> {
        for (int i = from; i < to; i++) {
          x[i] += 1f;
        }
      });
    }
    for (float v : x) {
      assertEquals(20_000f, v);
    }
  }

  @Test
  void aFailingChunkIsRethrownAfterTheOthersFinish() {
    AtomicInteger finished = new AtomicInteger();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.range(1000, 1,
        (from, to) -> {
          if (from > 0) {
            throw new IllegalArgumentException("chunk " + from);
          }
          finished.incrementAndGet();
        }));
    assertTrue(e.getMessage().startsWith("chunk"));
    assertEquals(1, finished.get());
    // The workers still serve the next call.
    int[] sum = new int[1000];
    Parallel.range(1000, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        sum[i] = i;
      }
    });
    assertEquals(999, sum[999]);
  }

  @Test
  void nestedAndConcurrentCallsRunEveryItem() throws Exception {
    int outer = 64;
    int inner = 5000;
    List<Thread> threads = new ArrayList<>();
    int[][] hits = new int[3][outer * inner];
    for (int t = 0; t < 3; t++) {
      int[] mine = hits[t];
      Thread thread = new Thread(() -> Parallel.range(outer, 1, (from, to) -> {
        for (int o = from; o < to; o++) {
          int base = o * inner;
          Parallel.range(inner, 100, (f, e) -> {
            for (int i = f; i < e; i++) {
              mine[base + i]++;
            }
          });
        }
      }));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (int[] h : hits) {
      for (int v : h) {
        assertEquals(1, v);
      }
    }
  }
}
