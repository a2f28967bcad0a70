package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One layer of a deploy model: integer-only, already folded. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DenseSignLayer.class, name = "dense_sign"),
  @JsonSubTypes.Type(value = DenseOutputLayer.class, name = "dense_output"),
  @JsonSubTypes.Type(value = ConvSignLayer.class, name = "conv_sign"),
  @JsonSubTypes.Type(value = BitplaneConvSignLayer.class, name = "bitplane_conv_sign"),
  @JsonSubTypes.Type(value = MaxPoolLayer.class, name = "maxpool"),
  @JsonSubTypes.Type(value = FlattenLayer.class, name = "flatten")
})
public sealed interface Layer
    permits DenseLayer, ConvWindowLayer, MaxPoolLayer, FlattenLayer {
  /** Shape of the tensor the layer reads (a dense layer reads a vector, 1 x 1 x K). */
  TensorShape inputShape();

  /** Shape of what it writes (the output layer: 1 x 1 x classes int32 scores). */
  TensorShape outputShape();

  /** Checks the layer's invariants; {@code where} names the layer in the message. */
  void validate(String where);

  /** Number of binary weights (1-bit parameters). */
  long binaryParameters();

  /**
   * Number of integer parameters: thresholds (one per output channel), the output layer's scale and
   * offset (two per class). Counted as 32-bit values in summaries, as Larq counts its 32-bit
   * parameters (the C stores some as int16).
   */
  long integerParameters();

  /**
   * 1-bit x 1-bit multiply-accumulates of one inference: outputs x fan-in, as Larq's model summary
   * counts binary MACs (padding taps included; pooling and flatten do none).
   */
  long binaryMacs();

  /** 8-bit x 1-bit multiply-accumulates of one inference: only the bit-plane first layer has them. */
  default long int8Macs() {
    return 0;
  }

  /**
   * 32-bit XOR-popcount word operations of one inference, as the golden model counts them: a dense
   * layer's rows of ceil(inputs / 32) words; a convolution's output elements times kh * kw *
   * words(in_c) (a pixel's channels fill whole words); a bit-plane convolution the same for each
   * of its 8 planes (AND-popcount words). Pooling and flatten do none. Benchmarks divide
   * instructions by this figure.
   */
  long xorWords();

  /** The layer's type as the deploy-model JSON names it, e.g. {@code dense_sign}. */
  @JsonIgnore
  default String typeName() {
    for (JsonSubTypes.Type t : Layer.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException(getClass().getName() + " is not a registered layer type");
  }

  /** Checks that every threshold lies in [lo, hi]. */
  static void validateThresholds(String where, int[] thresholds, int lo, int hi) {
    for (int j = 0; j < thresholds.length; j++) {
      if (thresholds[j] < lo || thresholds[j] > hi) {
        throw new ModelFormatException(where + ": threshold " + j + " = " + thresholds[j]
            + " is outside [" + lo + ", " + hi + "]");
      }
    }
  }

  /** Checks a packed weight matrix: one row of words(inputs) words per output, padding bits 0. */
  static void validatePackedRows(String where, int[] weights, int inputs, int outputs) {
    if (inputs <= 0 || outputs <= 0) {
      throw new ModelFormatException(where + ": inputs and outputs must be positive");
    }
    int rowWords = BitPacking.words(inputs);
    if (weights == null || weights.length != rowWords * outputs) {
      throw new ModelFormatException(where + ": expected " + rowWords * outputs + " weight words, got "
          + (weights == null ? 0 : weights.length));
    }
    int padding = ~BitPacking.lastWordMask(inputs);
    for (int o = 0; o < outputs; o++) {
      if ((weights[o * rowWords + rowWords - 1] & padding) != 0) {
        throw new ModelFormatException(where + ": padding bits of weight row " + o + " are not 0");
      }
    }
  }

  static void validateLength(String where, String field, int[] values, int expected) {
    if (values == null || values.length != expected) {
      throw new ModelFormatException(where + ": expected " + expected + " " + field + ", got "
          + (values == null ? 0 : values.length));
    }
  }
}
