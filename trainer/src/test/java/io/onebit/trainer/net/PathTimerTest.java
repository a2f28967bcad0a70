package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path timer alternates, ignores the warm-up calls, and keeps the faster path by its best time. */
class PathTimerTest {
  @ParameterizedTest
  @CsvSource({"100,200,true", "300,200,false", "200,200,true"})
  void keepsTheFasterPath(long firstNanos, long secondNanos, boolean expectFirst) {
    PathTimer timer = new PathTimer();
    int calls = 0;
    while (!timer.decided()) {
      boolean first = timer.first();
      assertEquals(calls % 2 == 0, first, "alternates");
      // warm-up calls are slow and must not count
      long nanos = calls < 2 * PathTimer.UNTIMED ? 1_000_000 : first ? firstNanos : secondNanos;
      timer.record(first, nanos);
      calls++;
    }
    assertEquals(2 * PathTimer.CALLS, calls);
    for (int i = 0; i < 5; i++) {
      assertEquals(expectFirst, timer.first());
      timer.record(expectFirst, 1); // later calls change nothing
    }
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void aSlowWarmUpOfOnePathDoesNotDecide(boolean slowFirst) {
    PathTimer timer = new PathTimer();
    int calls = 0;
    while (!timer.decided()) {
      boolean first = timer.first();
      long nanos = calls < 2 * PathTimer.UNTIMED && first == slowFirst ? 10_000_000 : first ? 100 : 200;
      timer.record(first, nanos);
      calls++;
    }
    assertTrue(timer.first());
    assertFalse(!timer.decided());
  }
}
