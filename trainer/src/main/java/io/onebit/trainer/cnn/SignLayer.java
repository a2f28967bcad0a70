package io.onebit.trainer.cnn;

import io.onebit.model.TensorShape;
import io.onebit.trainer.quant.Quantizer;
import java.util.Random;

/**
 * Binarizes activations with a {@link Quantizer}:
 *
 * <pre>
 *   forward:  a = sign(y)  (sign(0) = +1; a stochastic quantizer draws in training)
 *   backward: ∂L/∂y = ∂L/∂a · q'(y)   (ste-sign: 1 where |y| ≤ clip, else 0: hard-tanh cancel)
 * </pre>
 */
public final class SignLayer extends SameShapeLayer {
  private final Quantizer quantizer;
  private float[] out = new float[0];
  private float[] input;

  SignLayer(TensorShape shape, Quantizer quantizer) {
    super(shape);
    this.quantizer = quantizer;
  }

  @Override
  public float[] forward(float[] in, int batch, boolean training, Random random) {
    int n = batch * shape.elements();
    out = BinaryConv2d.grow(out, n);
    input = in;
    boolean draw = training && quantizer.stochastic();
    for (int i = 0; i < n; i++) {
      out[i] = draw ? quantizer.sample(in[i], random) : (in[i] >= 0f ? 1f : -1f);
    }
    return out;
  }

  @Override
  public float[] backward(float[] dOut, int batch, boolean needInput) {
    int n = batch * shape.elements();
    for (int i = 0; i < n; i++) {
      dOut[i] *= quantizer.backward(input[i]);
    }
    return dOut;
  }
}
