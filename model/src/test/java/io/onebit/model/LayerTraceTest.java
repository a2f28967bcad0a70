package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The golden model's per-layer trace and the search for the first element where a device departs from it. */
class LayerTraceTest {
  private static final InputSpec IMAGE = InputSpec.thresholded(12, 12, 3, 100);

  private final Random random = new Random(5);
  private final DeployModel conv = RandomModels.fromSpec("c", IMAGE, "conv40k3x3s1same,pool2s2,flatten,dense20,out7",
      random);
  private final byte[] sample = RandomModels.sample(IMAGE, random);

  @Test
  void traceHoldsEveryLayerOutputAndEndsInTheScores() {
    GoldenModel golden = new GoldenModel(conv);
    LayerTrace trace = golden.trace(sample);
    assertArrayEquals(GoldenModel.encodeInput(IMAGE, sample, conv.layers().get(0).inputShape()), trace.input());
    int[] activation = trace.input();
    for (int i = 0; i < conv.layers().size() - 1; i++) {
      activation = GoldenModel.hidden(activation, conv.layers().get(i));
      assertArrayEquals(activation, trace.outputs().get(i), "layer " + i);
      assertEquals(conv.layers().get(i).outputShape().words(), trace.outputs().get(i).length, "layer " + i);
    }
    assertArrayEquals(golden.infer(sample).scores(), trace.outputs().get(conv.layers().size() - 1));
    assertEquals(Optional.empty(), LayerTrace.firstDivergence(conv, trace, golden.trace(sample)));
  }

  @Test
  void bitplaneModelsHaveNoEncodedInput() {
    InputSpec bytes = InputSpec.bitplanes(8, 8, 1);
    DeployModel model = RandomModels.fromSpec("b", bytes, "conv8k3x3s1same,flatten,out3", random);
    byte[] s = RandomModels.sample(bytes, random);
    LayerTrace trace = new GoldenModel(model).trace(s);
    assertNull(trace.input());
    assertEquals(3, trace.outputs().size());
    assertArrayEquals(new GoldenModel(model).infer(s).scores(), trace.outputs().get(2));
  }

  @Test
  void namesTheFirstDifferingLayerAndElement() {
    LayerTrace golden = new GoldenModel(conv).trace(sample);
    // Layer 0 is a 12x12x40 conv: two words per pixel. Element (y 2, x 5, c 33) is bit 1 of word
    // (2 * 12 + 5) * 2 + 1; a later layer differs too, but the first one is what counts.
    List<int[]> outputs = copy(golden.outputs());
    outputs.get(0)[(2 * 12 + 5) * 2 + 1] ^= 1 << 1;
    outputs.get(3)[0] ^= 1;
    Divergence d = LayerTrace.firstDivergence(conv, golden, new LayerTrace(golden.input(), outputs)).orElseThrow();
    assertEquals(0, d.layer());
    assertEquals("conv_sign", d.type());
    assertEquals((2 * 12 + 5) * 40 + 33, d.element());
    assertEquals(List.of(2, 5, 33), List.of(d.y(), d.x(), d.channel()));
    assertEquals(1, d.differing());
    assertEquals(-d.expected(), d.actual());
    assertTrue(d.describe().startsWith("first difference at layer 0 (conv_sign) output 12x12x40, element 1193 (y 2, x 5, c 33)"),
        d.describe());
    List<Optional<Divergence>> each = LayerTrace.divergences(conv, golden, new LayerTrace(golden.input(), outputs));
    assertEquals(List.of(false, true, false, false, true, false), each.stream().map(Optional::isPresent).toList(),
        "the input, then layers 0 and 3 differ");
    assertEquals(3, each.get(4).orElseThrow().layer());
  }

  @Test
  void ignoresPaddingBitsAndReportsScores() {
    LayerTrace golden = new GoldenModel(conv).trace(sample);
    List<int[]> outputs = copy(golden.outputs());
    // 40 channels leave bits 8..31 of each pixel's second word unused, and dense20 bits 20..31.
    outputs.get(0)[1] |= 1 << 20;
    outputs.get(3)[0] |= 1 << 25;
    assertEquals(Optional.empty(), LayerTrace.firstDivergence(conv, golden, new LayerTrace(golden.input(), outputs)));
    outputs.get(4)[6] += 1;
    Divergence d = LayerTrace.firstDivergence(conv, golden, new LayerTrace(golden.input(), outputs)).orElseThrow();
    assertEquals(4, d.layer());
    assertEquals(6, d.element());
    assertEquals(golden.outputs().get(4)[6] + 1, d.actual());
    assertTrue(d.describe().contains("golden score " + golden.outputs().get(4)[6]), d.describe());
  }

  @Test
  void theInputEncodingCanBeWhereItStarts() {
    LayerTrace golden = new GoldenModel(conv).trace(sample);
    int[] input = golden.input().clone();
    input[3] ^= 1;
    Divergence d = LayerTrace.firstDivergence(conv, golden, new LayerTrace(input, golden.outputs())).orElseThrow();
    assertEquals(-1, d.layer());
    assertEquals("input", d.type());
    assertEquals(9, d.element(), "word 3 is pixel 3 (3 channels, one word per pixel), channel 0");
    assertTrue(d.describe().startsWith("first difference at the input encoding 12x12x3"), d.describe());
  }

  @Test
  void refusesTruncatedTraces() {
    LayerTrace golden = new GoldenModel(conv).trace(sample);
    List<int[]> outputs = copy(golden.outputs());
    outputs.set(1, new int[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerTrace.firstDivergence(conv, golden, new LayerTrace(golden.input(), outputs)));
    assertTrue(e.getMessage().contains("layer 1 (maxpool) has 1 words"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LayerTrace.firstDivergence(conv, golden, new LayerTrace(golden.input(), outputs.subList(0, 3))));
  }

  private static List<int[]> copy(List<int[]> tensors) {
    List<int[]> copy = new ArrayList<>();
    tensors.forEach(t -> copy.add(t.clone()));
    return copy;
  }
}
