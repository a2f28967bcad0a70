package io.onebit.model;

/**
 * Where a convolution or pooling window sits. 'valid' uses only whole windows:
 * out = (in - k) / stride + 1. 'same' follows TensorFlow: out = ceil(in / stride), with
 * pad_total = max((out - 1) * stride + k - in, 0) split as pad_before = pad_total / 2 (the
 * smaller half first). Input pixel of output o and tap t: o * stride + t - pad_before.
 */
public record ConvGeometry(int inHeight, int inWidth, int kernelHeight, int kernelWidth, int stride, String padding) {
  public static final String SAME = "same";
  public static final String VALID = "valid";

  public int outHeight() {
    return outSize(inHeight, kernelHeight);
  }

  public int outWidth() {
    return outSize(inWidth, kernelWidth);
  }

  public int padTop() {
    return padBefore(inHeight, kernelHeight, outHeight());
  }

  public int padLeft() {
    return padBefore(inWidth, kernelWidth, outWidth());
  }

  private int outSize(int in, int k) {
    // 64-bit: in + stride - 1 and in - k overflow int for sizes read from a file.
    long size = SAME.equals(padding) ? (in + (long) stride - 1) / stride : in < k ? 0 : ((long) in - k) / stride + 1;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, size));
  }

  private int padBefore(int in, int k, int out) {
    return SAME.equals(padding) ? (int) (Math.max((out - 1L) * stride + k - in, 0) / 2) : 0;
  }

  public void validate(String where) {
    if (inHeight <= 0 || inWidth <= 0) {
      throw new ModelFormatException(where + ": input size must be positive, got " + inHeight + "x" + inWidth);
    }
    if (kernelHeight <= 0 || kernelWidth <= 0) {
      throw new ModelFormatException(where + ": kernel size must be positive, got " + kernelHeight + "x" + kernelWidth);
    }
    if (stride <= 0) {
      throw new ModelFormatException(where + ": stride must be positive, got " + stride);
    }
    if (!SAME.equals(padding) && !VALID.equals(padding)) {
      throw new ModelFormatException(where + ": padding must be 'same' or 'valid', got '" + padding + "'");
    }
    if (outHeight() <= 0 || outWidth() <= 0) {
      throw new ModelFormatException(where + ": a " + kernelHeight + "x" + kernelWidth + " window does not fit a "
          + inHeight + "x" + inWidth + " input");
    }
  }
}
