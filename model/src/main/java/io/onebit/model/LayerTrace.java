package io.onebit.model;

import java.util.List;
import java.util.Optional;

/**
 * The tensors of one inference, as the golden model computes them ({@link GoldenModel#trace}) or
 * as a device dumps them from its arena ({@code onebit trace --board}).
 *
 * @param input the encoded input, packed as the first layer reads it (null when the first layer
 *     reads the raw bytes: a bit-plane model)
 * @param outputs per layer, its output: packed HWC bits with words(channels) words per pixel
 *     ({@link TensorShape#words()}), for the output layer the int32 class scores
 */
public record LayerTrace(int[] input, List<int[]> outputs) {
  /** Marks number the tensors as the firmware does: 0 is the encoded input, i + 1 layer i's output. */
  public int[] tensor(int mark) {
    return mark == 0 ? input : outputs.get(mark - 1);
  }

  /**
   * Where {@code actual} first departs from {@code expected}: the first tensor in inference order
   * with a differing element, and in it the first element (HWC order). Only the tensor's elements
   * are compared, not the padding bits of its last word per pixel.
   *
   * @throws IllegalArgumentException if a tensor is missing or shorter than its shape
   */
  public static Optional<Divergence> firstDivergence(DeployModel model, LayerTrace expected, LayerTrace actual) {
    return divergences(model, expected, actual).stream().flatMap(Optional::stream).findFirst();
  }

  /**
   * Tensor by tensor, where {@code actual} departs from {@code expected}: element i is mark i (0 the
   * encoded input, i + 1 layer i's output), empty where the tensors agree or there is no tensor (the
   * input of a bit-plane model).
   *
   * @throws IllegalArgumentException if a tensor is missing or shorter than its shape
   */
  public static List<Optional<Divergence>> divergences(DeployModel model, LayerTrace expected, LayerTrace actual) {
    List<Layer> layers = model.layers();
    if (expected.outputs.size() != layers.size() || actual.outputs.size() != layers.size()) {
      throw new IllegalArgumentException("a trace has " + actual.outputs.size() + " layer outputs (expected "
          + expected.outputs.size() + ") for a model of " + layers.size() + " layers");
    }
    List<Optional<Divergence>> all = new java.util.ArrayList<>();
    for (int mark = 0; mark <= layers.size(); mark++) {
      int[] want = expected.tensor(mark);
      if (mark == 0 && want == null) {
        all.add(Optional.empty());
        continue;
      }
      int[] got = actual.tensor(mark);
      if (got == null) {
        throw new IllegalArgumentException("the trace has no tensor for " + Divergence.where(model, mark - 1));
      }
      all.add(mark == layers.size()
          ? compareScores(mark - 1, layers.get(mark - 1), want, got)
          : compareBits(mark - 1, mark == 0 ? layers.get(0).inputShape() : layers.get(mark - 1).outputShape(),
              mark == 0 ? "input" : layers.get(mark - 1).typeName(), want, got));
    }
    return all;
  }

  private static Optional<Divergence> compareBits(int layer, TensorShape shape, String type, int[] want, int[] got) {
    require(got, shape.words(), layer, type);
    int pixelWords = shape.pixelWords();
    int channels = shape.channels();
    int first = -1;
    int expectedBit = 0;
    int actualBit = 0;
    long differing = 0;
    for (int pixel = 0; pixel < shape.height() * shape.width(); pixel++) {
      for (int c = 0; c < channels; c++) {
        int a = BitPacking.bit(want, pixel * pixelWords, c);
        int b = BitPacking.bit(got, pixel * pixelWords, c);
        if (a != b) {
          if (first < 0) {
            first = pixel * channels + c;
            expectedBit = a;
            actualBit = b;
          }
          differing++;
        }
      }
    }
    if (first < 0) {
      return Optional.empty();
    }
    // bit 0 is +1, bit 1 is -1
    return Optional.of(new Divergence(layer, type, shape, first, 1 - 2 * expectedBit, 1 - 2 * actualBit, differing,
        shape.elements()));
  }

  private static Optional<Divergence> compareScores(int layer, Layer output, int[] want, int[] got) {
    TensorShape shape = output.outputShape();
    require(got, shape.elements(), layer, output.typeName());
    int first = -1;
    long differing = 0;
    for (int j = 0; j < shape.elements(); j++) {
      if (want[j] != got[j]) {
        first = first < 0 ? j : first;
        differing++;
      }
    }
    return first < 0 ? Optional.empty() : Optional.of(new Divergence(layer, output.typeName(), shape, first, want[first],
        got[first], differing, shape.elements()));
  }

  private static void require(int[] got, int words, int layer, String type) {
    if (got.length < words) {
      throw new IllegalArgumentException("the traced " + (layer < 0 ? "input" : "output of layer " + layer + " (" + type
          + ")") + " has " + got.length + " words, its shape needs " + words);
    }
  }
}
