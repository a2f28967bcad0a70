package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every activation tensor lives: one static arena of {@code max over layers of (input words +
 * output words)} words, the largest pair of adjacent tensors. A layer reads its input at one end of
 * the arena and writes its output at the other, so the two never overlap (in + out <= arena) and the
 * next layer finds its input where the previous one wrote; ends alternate from layer to layer. A
 * layer that moves no bits (an identity flatten) aliases its input. The encoded input is layer 0's
 * input at the low end; a layer reading raw bytes (bitplanes) or writing int32 scores counts 0 words
 * for them.
 *
 * @param arenaWords size of the arena in 32-bit words (at least 1)
 * @param inputOffsets per layer, the word offset of its input
 * @param outputOffsets per layer, the word offset of its output
 */
public record ActivationPlan(int arenaWords, List<Integer> inputOffsets, List<Integer> outputOffsets) {

  /** One layer as the plan sees it. */
  public record Tensors(int inputWords, int outputWords, boolean alias) {
    /** Arena words the layer needs while it runs. */
    int pairWords() {
      return alias ? 0 : inputWords + outputWords;
    }
  }

  /** Plans the layers in order. */
  public static ActivationPlan of(List<Tensors> layers) {
    int arena = 1;
    for (Tensors t : layers) {
      arena = Math.max(arena, t.pairWords());
    }
    List<Integer> inputs = new ArrayList<>();
    List<Integer> outputs = new ArrayList<>();
    int current = 0;
    boolean atLowEnd = true;
    for (Tensors t : layers) {
      inputs.add(current);
      if (!t.alias()) {
        current = atLowEnd ? arena - t.outputWords() : 0;
        atLowEnd = !atLowEnd;
      }
      outputs.add(current);
    }
    return new ActivationPlan(arena, List.copyOf(inputs), List.copyOf(outputs));
  }
}
