package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.quant.Quantizer;
import java.util.Random;

/**
 * Binarizes activations with a {@link Quantizer} and writes them packed as well, so the next
 * binary layer can use XOR + popcount:
 *
 * <pre>
 *   forward:  a = sign(y)  (sign(0) = +1; a stochastic quantizer draws in training, in index order)
 *   backward: ∂L/∂y = ∂L/∂a · q'(y)   (ste-sign: 1 where |y| ≤ clip, else 0: hard-tanh cancel)
 * </pre>
 *
 * Inference (evaluation, BatchNorm statistics, fold) always uses the deterministic sign.
 */
public final class Sign implements Layer {
  private final TensorShape shape;
  private final Quantizer quantizer;
  private final Activations out;
  private float[] input;
  private float[] sampled = new float[0];

  Sign(TensorShape shape, Quantizer quantizer) {
    this.shape = shape;
    this.quantizer = quantizer;
    this.out = new Activations(shape);
  }

  public Quantizer quantizer() {
    return quantizer;
  }

  @Override
  public TensorShape inputShape() {
    return shape;
  }

  @Override
  public TensorShape outputShape() {
    return shape;
  }

  @Override
  public Activations forward(Activations in, boolean training, Random random) {
    int batch = in.batch();
    input = in.values();
    if (training && quantizer.stochastic()) {
      int n = batch * shape.elements();
      if (sampled.length < n) {
        sampled = new float[n];
      }
      for (int i = 0; i < n; i++) {
        sampled[i] = quantizer.sample(input[i], random);
      }
      out.setSigns(sampled, batch);
    } else {
      out.setSigns(input, batch);
    }
    return out;
  }

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    int n = out.batch() * shape.elements();
    float[] y = input;
    Parallel.range(n, 1 << 15, (from, to) -> quantizer.backward(y, dOut, from, to));
    return dOut;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.sign(this);
  }
}
