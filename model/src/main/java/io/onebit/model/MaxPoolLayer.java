package io.onebit.model;

/**
 * Max-pooling of a packed ±1 tensor ('valid' windows: out = (in - pool) / stride + 1).
 *
 * <p>In training, pooling sits between the convolution and BatchNorm+sign, so the deployed layer
 * pools bits that are already signs of BN(dot). sign(BN(max dot)) equals the max of the signs when
 * BN increases (gamma > 0) and the min when it decreases (gamma < 0). With bit 1 = -1:
 *
 * <pre>
 *   max of ±1 values = AND of bits   (+1 unless every input is -1)
 *   min of ±1 values = OR of bits    (-1 if any input is -1)
 * </pre>
 *
 * {@code orChannels} (packed like a pixel, words(channels) words) has bit c set where channel c
 * pools with OR; the others pool with AND. Padding bits of the mask are 0.
 */
public record MaxPoolLayer(
    int inHeight, int inWidth, int channels, int poolHeight, int poolWidth, int stride, int[] orChannels)
    implements Layer {

  public ConvGeometry geometry() {
    return new ConvGeometry(inHeight, inWidth, poolHeight, poolWidth, stride, ConvGeometry.VALID);
  }

  @Override
  public TensorShape inputShape() {
    return new TensorShape(inHeight, inWidth, channels);
  }

  @Override
  public TensorShape outputShape() {
    ConvGeometry g = geometry();
    return new TensorShape(g.outHeight(), g.outWidth(), channels);
  }

  @Override
  public long binaryParameters() {
    return 0;
  }

  @Override
  public long integerParameters() {
    return 0;
  }

  @Override
  public long binaryMacs() {
    return 0;
  }

  @Override
  public long xorWords() {
    return 0;
  }

  @Override
  public void validate(String where) {
    geometry().validate(where);
    if (channels <= 0) {
      throw new ModelFormatException(where + ": channel count must be positive");
    }
    Layer.validatePackedRows(where, orChannels, channels, 1);
  }
}
