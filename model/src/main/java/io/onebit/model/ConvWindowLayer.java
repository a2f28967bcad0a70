package io.onebit.model;

/**
 * What the two convolution layers share: a window of k_h x k_w taps over an HWC input, moved by
 * {@code stride} with 'same' or 'valid' padding, and filters packed [out][ky][kx][words(in_c)].
 */
public sealed interface ConvWindowLayer extends Layer permits ConvSignLayer, BitplaneConvSignLayer {
  int inHeight();

  int inWidth();

  int inChannels();

  int outChannels();

  int kernelHeight();

  int kernelWidth();

  int stride();

  String padding();

  int[] weights();

  default ConvGeometry geometry() {
    return new ConvGeometry(inHeight(), inWidth(), kernelHeight(), kernelWidth(), stride(), padding());
  }

  /** Elements one output reads: K = kh * kw * in_channels. */
  default int fanIn() {
    return kernelHeight() * kernelWidth() * inChannels();
  }

  /** Words of one output channel's weights: kh * kw * words(in_channels). */
  default int filterWords() {
    return kernelHeight() * kernelWidth() * BitPacking.words(inChannels());
  }

  @Override
  default TensorShape inputShape() {
    return new TensorShape(inHeight(), inWidth(), inChannels());
  }

  @Override
  default TensorShape outputShape() {
    ConvGeometry g = geometry();
    return new TensorShape(g.outHeight(), g.outWidth(), outChannels());
  }

  @Override
  default long binaryParameters() {
    return (long) fanIn() * outChannels();
  }

  /** One threshold per output channel. */
  @Override
  default long integerParameters() {
    return outChannels();
  }

  /** Output elements x K. */
  @Override
  default long binaryMacs() {
    return (long) outputShape().elements() * fanIn();
  }

  /** Output elements x kh * kw * words(in_c). */
  @Override
  default long xorWords() {
    return (long) outputShape().elements() * filterWords();
  }

  /** Geometry, channel counts and packed filters (padding bits 0). */
  default void validateWindowAndFilters(String where) {
    geometry().validate(where);
    if (inChannels() <= 0 || outChannels() <= 0) {
      throw new ModelFormatException(where + ": channel counts must be positive");
    }
    Layer.validatePackedRows(where, weights(), inChannels(), outChannels() * kernelHeight() * kernelWidth());
  }
}
