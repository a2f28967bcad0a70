package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.optim.Param;
import java.util.List;
import java.util.Random;

/**
 * One step of a {@link Network}. The kinds are closed (a sealed interface with a
 * {@link LayerVisitor}), so code that must treat every kind (fold, a method's own forward) fails
 * to compile when a kind is added and not handled.
 *
 * <p>Each layer owns its output and input-gradient buffers, grown to the largest batch seen; a
 * forward result is valid until the layer's next forward.
 */
public sealed interface Layer permits WeightLayer, MaxPool2d, BatchNorm, Sign, Flatten {
  TensorShape inputShape();

  TensorShape outputShape();

  /**
   * Forward on a batch. {@code training} selects batch statistics in BatchNorm and the
   * quantizer's training-time draw ({@code random}, used in index order).
   */
  Activations forward(Activations in, boolean training, Random random);

  /**
   * Backward after a training forward: accumulates parameter gradients and returns ∂L/∂in, or
   * null when {@code needInput} is false (the first layer). May overwrite {@code dOut}.
   */
  float[] backward(float[] dOut, boolean needInput);

  /** The trainable tensors (empty for parameter-free layers). */
  default List<Param> params() {
    return List.of();
  }

  <R> R accept(LayerVisitor<R> visitor);
}
