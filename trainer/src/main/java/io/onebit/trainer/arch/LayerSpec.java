package io.onebit.trainer.arch;

/**
 * One hidden layer of an architecture file. Every {@code conv} and {@code dense} layer is
 * followed by BatchNorm and sign in training (folded into thresholds); a {@code maxpool} right
 * after a conv pools that conv's outputs before its BatchNorm. The output layer (dense to the
 * dataset's classes, BatchNorm, scores) is implicit and always last.
 *
 * @param type {@link #CONV}, {@link #MAXPOOL} or {@link #DENSE}
 * @param units output channels of a conv, outputs of a dense layer (0 for maxpool)
 * @param kernelHeight window height (conv kernel or pool size)
 * @param kernelWidth window width
 * @param stride window step
 * @param padding 'same' or 'valid' (maxpool: always 'valid')
 */
public record LayerSpec(String type, int units, int kernelHeight, int kernelWidth, int stride, String padding) {
  public static final String CONV = "conv";
  public static final String MAXPOOL = "maxpool";
  public static final String DENSE = "dense";

  public static LayerSpec conv(int filters, int kernelHeight, int kernelWidth, int stride, String padding) {
    return new LayerSpec(CONV, filters, kernelHeight, kernelWidth, stride, padding);
  }

  public static LayerSpec maxpool(int size, int stride) {
    return maxpool(size, size, stride);
  }

  /** A pooling window of height x width (e.g. 1 x k over a time series). */
  public static LayerSpec maxpool(int height, int width, int stride) {
    return new LayerSpec(MAXPOOL, 0, height, width, stride, "valid");
  }

  public static LayerSpec dense(int units) {
    return new LayerSpec(DENSE, units, 1, 1, 1, "valid");
  }

  public boolean isConv() {
    return CONV.equals(type);
  }

  public boolean isMaxpool() {
    return MAXPOOL.equals(type);
  }

  public boolean isDense() {
    return DENSE.equals(type);
  }
}
