package io.onebit.trainer.arch;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;

/**
 * One hidden layer of an architecture file, and everything the trainer needs to know about its
 * kind in one place: its shape rule, its binary weight count, its entry in a random-model spec,
 * and (through {@link Visitor}) the training layers it becomes. Every {@code conv} and
 * {@code dense} layer is followed by BatchNorm and sign in training (folded into thresholds); a
 * {@code maxpool} right after a conv pools that conv's outputs before its BatchNorm. The output
 * layer (dense to the dataset's classes, BatchNorm, scores) is implicit and always last.
 */
public sealed interface LayerSpec {
  String CONV = "conv";
  String MAXPOOL = "maxpool";
  String DENSE = "dense";

  static LayerSpec conv(int filters, int kernelHeight, int kernelWidth, int stride, String padding) {
    return new Conv(filters, kernelHeight, kernelWidth, stride, padding);
  }

  static LayerSpec maxpool(int size, int stride) {
    return new MaxPool(size, size, stride);
  }

  /** A pooling window of height × width (e.g. 1 × k over a time series). */
  static LayerSpec maxpool(int height, int width, int stride) {
    return new MaxPool(height, width, stride);
  }

  static LayerSpec dense(int units) {
    return new Dense(units);
  }

  /** The file's type name: conv, maxpool or dense. */
  String type();

  /** Output channels of a conv, units of a dense layer, 0 for a maxpool. */
  int units();

  /** Whether the layer has binary weights (and so starts a BatchNorm + sign block). */
  boolean hasWeights();

  /** The output shape for input {@code in}; an {@link IllegalArgumentException} naming {@code where} if it does not fit. */
  TensorShape outputShape(TensorShape in, String where);

  /** Binary weights for input {@code in}. */
  long binaryWeights(TensorShape in);

  /** This layer in {@code RandomModels.fromSpec}'s layer-list syntax. */
  String randomSpec();

  <R> R accept(Visitor<R> visitor);

  default boolean isConv() {
    return this instanceof Conv;
  }

  default boolean isMaxpool() {
    return this instanceof MaxPool;
  }

  default boolean isDense() {
    return this instanceof Dense;
  }

  /** One method per kind: adding a kind breaks every visitor until it is handled. */
  interface Visitor<R> {
    R conv(Conv spec);

    R maxPool(MaxPool spec);

    R dense(Dense spec);
  }

  /** A binary convolution: any kernel, stride, 'same' (padding +1) or 'valid'. */
  record Conv(int filters, int kernelHeight, int kernelWidth, int stride, String padding) implements LayerSpec {
    @Override
    public String type() {
      return CONV;
    }

    @Override
    public int units() {
      return filters;
    }

    @Override
    public boolean hasWeights() {
      return true;
    }

    public ConvGeometry geometry(TensorShape in) {
      return new ConvGeometry(in.height(), in.width(), kernelHeight, kernelWidth, stride, padding);
    }

    @Override
    public TensorShape outputShape(TensorShape in, String where) {
      ConvGeometry g = fits(geometry(in), in, where);
      return new TensorShape(g.outHeight(), g.outWidth(), filters);
    }

    @Override
    public long binaryWeights(TensorShape in) {
      return (long) kernelHeight * kernelWidth * in.channels() * filters;
    }

    @Override
    public String randomSpec() {
      return "conv" + filters + "k" + kernelHeight + "x" + kernelWidth + "s" + stride + padding;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.conv(this);
    }
  }

  /** Max-pooling over 'valid' height×width windows (before BatchNorm in training, on bits when deployed). */
  record MaxPool(int height, int width, int stride) implements LayerSpec {
    @Override
    public String type() {
      return MAXPOOL;
    }

    @Override
    public int units() {
      return 0;
    }

    @Override
    public boolean hasWeights() {
      return false;
    }

    public ConvGeometry geometry(TensorShape in) {
      return new ConvGeometry(in.height(), in.width(), height, width, stride, ConvGeometry.VALID);
    }

    @Override
    public TensorShape outputShape(TensorShape in, String where) {
      ConvGeometry g = fits(geometry(in), in, where);
      return new TensorShape(g.outHeight(), g.outWidth(), in.channels());
    }

    @Override
    public long binaryWeights(TensorShape in) {
      return 0;
    }

    @Override
    public String randomSpec() {
      return height == width ? "pool" + height + "s" + stride : "pool" + height + "x" + width + "s" + stride;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.maxPool(this);
    }
  }

  /** A fully connected binary layer (a spatial input is flattened first). */
  record Dense(int units) implements LayerSpec {
    @Override
    public String type() {
      return DENSE;
    }

    @Override
    public boolean hasWeights() {
      return true;
    }

    @Override
    public TensorShape outputShape(TensorShape in, String where) {
      return TensorShape.vector(units);
    }

    @Override
    public long binaryWeights(TensorShape in) {
      return (long) in.elements() * units;
    }

    @Override
    public String randomSpec() {
      return "dense" + units;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.dense(this);
    }
  }

  private static ConvGeometry fits(ConvGeometry g, TensorShape in, String where) {
    if (g.outHeight() <= 0 || g.outWidth() <= 0) {
      throw new IllegalArgumentException(where + ": a " + g.kernelHeight() + "x" + g.kernelWidth()
          + " window does not fit its " + in.height() + "x" + in.width() + " input");
    }
    return g;
  }
}
