package io.onebit.trainer.cnn;

import io.onebit.model.TensorShape;

/** A layer whose output has its input's shape (BatchNorm, sign): element-wise or per channel. */
abstract class SameShapeLayer implements NetworkLayer {
  protected final TensorShape shape;

  SameShapeLayer(TensorShape shape) {
    this.shape = shape;
  }

  @Override
  public TensorShape inputShape() {
    return shape;
  }

  @Override
  public TensorShape outputShape() {
    return shape;
  }
}
