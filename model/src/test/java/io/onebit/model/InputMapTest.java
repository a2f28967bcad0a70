package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InputMapTest {
  @Test
  void fitSendsTheRangeOntoZeroTo255MonotonicallyAndClips() {
    Random random = new Random(7);
    for (int trial = 0; trial < 2000; trial++) {
      int a = random.nextInt(65_536) - 32_768;
      int b = random.nextInt(65_536) - 32_768;
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      InputMap map = InputMap.fit(new int[] {lo}, new int[] {hi});
      map.validate(1, SampleType.INT16);
      assertEquals(0, map.apply(lo, 0));
      assertEquals(0, map.apply(-32_768, 0), "below the range clips to 0");
      assertEquals(lo == hi ? 0 : 255, map.apply(hi, 0));
      assertEquals(lo == hi ? 0 : 255, map.apply(32_767, 0), "above the range clips to 255");
      int x = lo + (hi == lo ? 0 : random.nextInt(hi - lo + 1));
      int y = Math.min(hi, x + random.nextInt(100));
      assertTrue(map.apply(x, 0) <= map.apply(y, 0), "monotone");
      // Affine within 1: q = floor((x - lo) * 255 / (hi - lo)) or one above.
      if (hi > lo) {
        long exact = (long) (x - lo) * 255 / (hi - lo);
        assertTrue(map.apply(x, 0) - exact >= 0 && map.apply(x, 0) - exact <= 1, x + " in [" + lo + ", " + hi + "]");
      }
    }
  }

  @Test
  void theFullByteRangeIsTheIdentity() {
    InputMap map = InputMap.fit(new int[] {0, 0, 0}, new int[] {255, 255, 255});
    assertTrue(map.isIdentity());
    assertFalse(InputMap.fit(new int[] {0}, new int[] {254}).isIdentity());
    assertFalse(InputMap.fit(new int[] {1}, new int[] {255}).isIdentity());
  }

  @Test
  void aRawThresholdEqualsAThresholdOnTheMappedValue() {
    Random random = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      int lo = random.nextInt(2000) - 1000;
      int hi = lo + random.nextInt(3000);
      InputMap map = InputMap.fit(new int[] {lo}, new int[] {hi});
      int t = random.nextInt(258);
      int raw = map.rawThreshold(0, t, -32_768, 32_767);
      for (int k = 0; k < 200; k++) {
        int x = random.nextInt(65_536) - 32_768;
        if (k < 4) {
          x = raw - 2 + k;
        }
        if (x < -32_768 || x > 32_767) {
          continue;
        }
        assertEquals(map.apply(x, 0) >= t, x >= raw, "t " + t + ", x " + x + ", raw threshold " + raw);
      }
    }
  }

  @Test
  void validationRefusesWrappingProductsAndBadRanges() {
    assertThrows(ModelFormatException.class,
        () -> new InputMap(new int[] {0}, new int[] {65_535}, new int[] {1 << 17}, 24).validate(1, SampleType.UINT16));
    assertThrows(ModelFormatException.class,
        () -> new InputMap(new int[] {10}, new int[] {5}, new int[] {1}, 0).validate(1, SampleType.INT16));
    assertThrows(ModelFormatException.class,
        () -> new InputMap(new int[] {0}, new int[] {300}, new int[] {1}, 0).validate(1, SampleType.UINT8));
    assertThrows(ModelFormatException.class,
        () -> new InputMap(new int[] {0}, new int[] {1}, new int[] {1}, 0).validate(2, SampleType.UINT8));
  }
}
