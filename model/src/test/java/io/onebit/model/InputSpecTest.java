package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputSpecTest {
  private static final InputMap MAP = InputMap.fit(new int[] {-2000, 0, 5}, new int[] {2000, 900, 6});

  @Test
  void int16ModelsWithAMapAndClassNamesRoundTripThroughJson() {
    InputSpec input = InputSpec.bitplanes(1, 16, 3, SampleType.INT16, MAP, new int[] {8, 0, 0});
    DeployModel model = RandomModels.fromSpec("ts", input, "conv8k1x5s1same,flatten,out3", new Random(2))
        .with(input, List.of("idle", "walk", "run"));
    DeployModel back = DeployModelIo.fromJson(DeployModelIo.toJson(model));
    assertEquals(model.input(), back.input());
    assertEquals(List.of("idle", "walk", "run"), back.classNames());
    assertEquals("walk", back.className(1));
    assertEquals(96, back.input().sampleBytes());
    String json = new String(DeployModelIo.toJson(model), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.contains("\"sample_type\" : \"int16\""), json);
    Random random = new Random(9);
    for (int i = 0; i < 20; i++) {
      byte[] sample = RandomModels.sample(back.input(), random);
      assertArrayEquals(new GoldenModel(model).infer(sample).scores(), new GoldenModel(back).infer(sample).scores());
    }
  }

  @Test
  void oldUint8ModelsReadAsBefore() {
    InputSpec legacy = InputSpec.thresholded(28, 28, 1, 64);
    assertEquals(SampleType.UINT8, legacy.type());
    assertEquals(784, legacy.sampleBytes());
    String json = new String(DeployModelIo.toJson(RandomModels.dense("m", legacy, new int[] {8, 2}, new Random(1))),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!json.contains("sample_type") && !json.contains("class_names"), json);
  }

  @Test
  void perChannelThresholdsOnRawValuesEqualTheMapAndOneThreshold() {
    // What fold does for a threshold network trained on mapped bytes: q >= t  <=>  raw >= t_c.
    Random random = new Random(5);
    int t = 64;
    int[] raw = new int[3];
    for (int c = 0; c < 3; c++) {
      raw[c] = MAP.rawThreshold(c, t, SampleType.INT16.min(), SampleType.INT16.max());
    }
    InputSpec perChannel = InputSpec.thresholded(2, 2, 3, SampleType.INT16, raw, null);
    perChannel.validate();
    for (int trial = 0; trial < 500; trial++) {
      int[] sample = new int[12];
      for (int i = 0; i < sample.length; i++) {
        sample[i] = random.nextInt(65_536) - 32_768;
        if (trial % 2 == 0) {
          sample[i] = random.nextInt(2100) - 50;
        }
      }
      int[] bits = GoldenModel.encodeRaw(perChannel, sample, TensorShape.vector(12));
      for (int i = 0; i < sample.length; i++) {
        int expected = MAP.apply(sample[i], i % 3) < t ? 1 : 0;
        assertEquals(expected, BitPacking.bit(bits, 0, i), "element " + i + " = " + sample[i]);
      }
    }
  }

  @Test
  void badSpecsAreRefusedWithTheReason() {
    assertMessage(new InputSpec(2, 2, 1, "int16", "bitplanes", null, null, null, null), "needs a map");
    assertMessage(new InputSpec(2, 2, 1, "float32", "bitplanes", null, null, null, null), "unknown sample type");
    assertMessage(new InputSpec(2, 2, 2, "int16", "threshold", null, new int[] {1}, null, null), "one per channel");
    assertMessage(new InputSpec(2, 2, 1, "int8", "threshold", 200, null, null, null), "[-128, 128]");
    assertMessage(new InputSpec(2, 2, 1, null, "threshold", 1, new int[] {1}, null, null), "either one threshold");
    assertMessage(new InputSpec(2, 2, 3, "int16", "threshold", 1, null, MAP, null), "takes no map");
    assertMessage(new InputSpec(2, 2, 1, null, "threshold", 1, null, null, new int[] {31}), "fraction_bits");
  }

  @Test
  void classNamesMustMatchTheClassesAndBeUniqueAndPrintable() {
    DeployModel model = RandomModels.dense("m", InputSpec.thresholded(1, 4, 1, 9), new int[] {3}, new Random(1));
    assertThrows(ModelFormatException.class, () -> model.with(model.input(), List.of("a", "b")));
    assertThrows(ModelFormatException.class, () -> model.with(model.input(), List.of("a", "b", "a")));
    assertThrows(ModelFormatException.class, () -> model.with(model.input(), List.of("a", "b", "c\nd")));
    assertEquals("c d", model.with(model.input(), List.of("a", "b", "c d")).className(2));
  }

  private static void assertMessage(InputSpec spec, String part) {
    ModelFormatException e = assertThrows(ModelFormatException.class, spec::validate);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
