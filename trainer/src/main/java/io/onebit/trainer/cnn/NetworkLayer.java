package io.onebit.trainer.cnn;

import io.onebit.model.TensorShape;
import io.onebit.trainer.optim.Param;
import java.util.List;

/**
 * One step of a {@link ConvNet} on float activations stored batch-major and HWC inside a
 * sample: element (b, y, x, c) at ((b·H + y)·W + x)·C + c, the deploy model's layout.
 * Each layer owns its output and input-gradient buffers, grown to the largest batch seen.
 */
public interface NetworkLayer {
  TensorShape inputShape();

  TensorShape outputShape();

  /**
   * Forward on {@code batch} samples; returns the layer's output buffer (valid until the next call).
   * {@code training} selects batch statistics in BatchNorm and the quantizer's training draw.
   */
  float[] forward(float[] in, int batch, boolean training, java.util.Random random);

  /**
   * Backward after a training forward: accumulates parameter gradients and returns ∂L/∂in, or
   * null when {@code needInput} is false (the first layer). May overwrite {@code dOut}.
   */
  float[] backward(float[] dOut, int batch, boolean needInput);

  default List<Param> params() {
    return List.of();
  }
}
