package io.onebit.model;

import java.util.List;

/**
 * Executes a deploy model with exactly the integer operations of the generated C. This is the
 * specification: the C reference kernels translate it line by line, and every optimised kernel
 * and every QEMU run is held equal to it.
 */
public final class GoldenModel {
  private final DeployModel model;

  public GoldenModel(DeployModel model) {
    model.validate();
    this.model = model;
  }

  public DeployModel model() {
    return model;
  }

  /** Integer scores and the predicted class of one sample. */
  public record Result(int[] scores, int predictedClass) {}

  /**
   * Runs one raw sample: input.sampleBytes() bytes, HWC, each element of the input's sample type
   * little-endian (a uint8 sample is its bytes).
   */
  public Result infer(byte[] sample) {
    return inferRaw(model.input().type().decode(checked(model.input(), sample)));
  }

  /** Runs one raw sample given as its element values (each must fit the sample type). */
  public Result inferRaw(int[] raw) {
    InputSpec input = model.input();
    if (raw.length != input.size()) {
      throw new IllegalArgumentException("sample has " + raw.length + " elements, model expects " + input.size());
    }
    SampleType type = input.type();
    for (int i = 0; i < raw.length; i++) {
      if (!type.holds(raw[i])) {
        throw new IllegalArgumentException("sample element " + i + " = " + raw[i] + " is not a " + type + " value");
      }
    }
    List<Layer> layers = model.layers();
    int[] activation = layers.get(0) instanceof BitplaneConvSignLayer first
        ? BitplaneConv.apply(input.eightBit(raw), first)
        : encodeRaw(input, raw, layers.get(0).inputShape());
    int start = input.isBitplanes() ? 1 : 0;
    for (int i = start; i < layers.size() - 1; i++) {
      activation = hidden(activation, layers.get(i));
    }
    int[] scores = denseOutput(activation, (DenseOutputLayer) layers.get(layers.size() - 1));
    return new Result(scores, argmax(scores));
  }

  /**
   * Every tensor of one inference, in the layout the C keeps in its arena: the encoded input
   * (null when the first layer reads the raw bytes) and each layer's output (packed HWC bits; the
   * output layer's int32 scores). {@code onebit trace} and the exactness tests compare a device's
   * dump of the same tensors with this, see {@link LayerTrace#firstDivergence}.
   */
  public LayerTrace trace(byte[] sample) {
    List<Layer> layers = model.layers();
    List<int[]> outputs = new java.util.ArrayList<>();
    int[] input = null;
    int[] activation;
    int start = 0;
    if (layers.get(0) instanceof BitplaneConvSignLayer first) {
      activation = BitplaneConv.apply(checked(model.input(), sample), first);
      outputs.add(activation);
      start = 1;
    } else {
      input = encodeInput(model.input(), sample, layers.get(0).inputShape());
      activation = input;
    }
    for (int i = start; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      activation = layer instanceof DenseOutputLayer out ? denseOutput(activation, out) : hidden(activation, layer);
      outputs.add(activation);
    }
    return new LayerTrace(input, List.copyOf(outputs));
  }

  /** One hidden (bit-producing) layer on a packed activation. */
  public static int[] hidden(int[] in, Layer layer) {
    if (layer instanceof DenseSignLayer d) {
      return denseSign(in, d);
    } else if (layer instanceof ConvSignLayer c) {
      return BinaryConv.apply(in, c);
    } else if (layer instanceof MaxPoolLayer p) {
      return BitPooling.apply(in, p);
    } else if (layer instanceof FlattenLayer f) {
      return flatten(in, f);
    }
    throw new IllegalArgumentException(layer.getClass().getSimpleName() + " is not a hidden layer on packed bits");
  }

  /** Threshold encoding, packed flat (as a dense first layer reads it). */
  public static int[] encodeInput(InputSpec input, byte[] sample) {
    return encodeInput(input, sample, TensorShape.vector(input.size()));
  }

  /** Threshold encoding of a little-endian raw sample, see {@link #encodeRaw}. */
  public static int[] encodeInput(InputSpec input, byte[] sample, TensorShape layout) {
    return encodeRaw(input, input.type().decode(checked(input, sample)), layout);
  }

  /**
   * Threshold encoding: element (pixel, c) gets bit 1 (-1) when its raw value < the channel's
   * threshold, else 0 (+1), packed in the layout the first layer reads (flat for a vector shape,
   * else HWC with words(channels) words per pixel).
   */
  public static int[] encodeRaw(InputSpec input, int[] raw, TensorShape layout) {
    int channels = input.channels();
    int pixelBits = layout.isVector() ? channels : 32 * BitPacking.words(channels);
    int[] packed = new int[layout.isVector() ? BitPacking.words(input.size()) : input.shape().words()];
    for (int i = 0; i < raw.length; i++) {
      int c = i % channels;
      int bitIndex = (i / channels) * pixelBits + c;
      if (raw[i] < input.thresholdOf(c)) {
        packed[bitIndex >>> 5] |= 1 << (bitIndex & 31);
      }
    }
    return packed;
  }

  private static byte[] checked(InputSpec input, byte[] sample) {
    if (sample.length != input.sampleBytes()) {
      throw new IllegalArgumentException("sample has " + sample.length + " bytes, model expects " + input.sampleBytes());
    }
    return sample;
  }

  /** bit_j = popcount(x XOR w_j) > threshold_j. */
  public static int[] denseSign(int[] in, DenseSignLayer layer) {
    int rowWords = layer.rowWords();
    int[] out = new int[BitPacking.words(layer.outputs())];
    for (int j = 0; j < layer.outputs(); j++) {
      int p = BitPacking.xorPopcount(in, 0, layer.weights(), j * rowWords, rowWords);
      if (p > layer.thresholds()[j]) {
        out[j >>> 5] |= 1 << (j & 31);
      }
    }
    return out;
  }

  /** Element (y*W + x)*C + c of the output is bit c of pixel (y, x) of the input. */
  public static int[] flatten(int[] in, FlattenLayer layer) {
    TensorShape shape = layer.inputShape();
    int channels = shape.channels();
    int pixelWords = shape.pixelWords();
    int[] out = new int[BitPacking.words(shape.elements())];
    for (int pixel = 0; pixel < shape.height() * shape.width(); pixel++) {
      for (int c = 0; c < channels; c++) {
        BitPacking.setBit(out, 0, pixel * channels + c, BitPacking.bit(in, pixel * pixelWords, c));
      }
    }
    return out;
  }

  /** score_j = scale_j * (K - 2 popcount(x XOR w_j)) + offset_j, in int32. */
  public static int[] denseOutput(int[] in, DenseOutputLayer layer) {
    int rowWords = layer.rowWords();
    int[] scores = new int[layer.outputs()];
    for (int j = 0; j < layer.outputs(); j++) {
      int p = BitPacking.xorPopcount(in, 0, layer.weights(), j * rowWords, rowWords);
      int dot = layer.inputs() - 2 * p;
      scores[j] = layer.scale()[j] * dot + layer.offset()[j];
    }
    return scores;
  }

  /** Index of the largest score; the smallest index wins ties, as in the C. */
  public static int argmax(int[] scores) {
    int best = 0;
    for (int j = 1; j < scores.length; j++) {
      if (scores[j] > scores[best]) {
        best = j;
      }
    }
    return best;
  }
}
