package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onebit.model.InputMap;
import io.onebit.model.SampleType;
import io.onebit.model.TensorShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsAndFitTest {
  /** 100 samples of one int16 element = i - 50; classes: 70 of class 0, 30 of class 1. */
  private static Dataset skewed() {
    RawSamples raw = RawSamples.allocate(SampleType.INT16, 100);
    byte[] labels = new byte[100];
    for (int i = 0; i < 100; i++) {
      raw.set(i, i - 50);
      labels[i] = (byte) (i % 10 < 7 ? 0 : 1);
    }
    return new Dataset("skewed", 100, new TensorShape(1, 1, 1), raw, labels, List.of("a", "b"), null, null);
  }

  @Test
  void stratifiedSplitsKeepEachClassShareAndRepeatForASeed() {
    Splits.Parts parts = Splits.stratified(skewed(), 0.2, 7, "test");
    assertArrayEquals(new int[] {14, 6}, parts.heldOut().classCounts());
    assertArrayEquals(new int[] {56, 24}, parts.kept().classCounts());
    Splits.Parts again = Splits.stratified(skewed(), 0.2, 7, "test");
    assertArrayEquals(parts.heldOut().sample(5), again.heldOut().sample(5));
    Splits.Parts other = Splits.stratified(skewed(), 0.2, 8, "test");
    boolean differs = false;
    for (int i = 0; i < 20; i++) {
      differs |= !java.util.Arrays.equals(parts.heldOut().sample(i), other.heldOut().sample(i));
    }
    assertEquals(true, differs, "another seed, another split");
  }

  @Test
  void theMapFitsMinMaxOrPercentilesOfTheTrainingData() {
    InputMap minMax = InputFit.fit(skewed(), 0);
    assertArrayEquals(new int[] {-50}, minMax.low());
    assertArrayEquals(new int[] {49}, minMax.high());
    InputMap clipped = InputFit.fit(skewed(), 5);
    assertArrayEquals(new int[] {-45}, clipped.low(), "the 5th percentile of -50..49");
    assertArrayEquals(new int[] {44}, clipped.high());
    Dataset mapped = skewed().withMap(clipped);
    assertEquals(0, Byte.toUnsignedInt(mapped.pixels()[0]), "below the range clips to 0");
    assertEquals(255, Byte.toUnsignedInt(mapped.pixels()[99]));
  }

  @Test
  void uint8DataSpanningTheByteRangeNeedsNoMap() {
    byte[] pixels = new byte[256];
    for (int i = 0; i < 256; i++) {
      pixels[i] = (byte) i;
    }
    Dataset full = new Dataset("full", 64, 2, 2, pixels, new byte[64], 1);
    assertNull(InputFit.fit(full, 0));
  }
}
