package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One layer of a deploy model: integer-only, already folded. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DenseSignLayer.class, name = "dense_sign"),
  @JsonSubTypes.Type(value = DenseOutputLayer.class, name = "dense_output")
})
public sealed interface Layer permits DenseSignLayer, DenseOutputLayer {
  /** Number of ±1 inputs the layer reads. */
  int inputs();

  /** Number of outputs (bits for hidden layers, int32 scores for the output layer). */
  int outputs();

  /** Checks the layer's invariants; {@code where} names the layer in the message. */
  void validate(String where);

  /** Number of binary weights (1-bit parameters). */
  default long binaryParameters() {
    return (long) inputs() * outputs();
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
