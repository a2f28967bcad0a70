package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.quant.Quantizer;
import io.onebit.trainer.quant.SteSign;
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

  /**
   * Whether {@code bn}'s training forward and this layer's can run as one pass
   * ({@link #forwardAfter}): a deterministic ste-sign, whose backward is a mask BatchNorm can apply
   * from x̂ ({@link BatchNorm#backwardThroughSign}).
   */
  boolean fusesAfter(BatchNorm bn) {
    return quantizer instanceof SteSign && bn.outputShape().equals(shape);
  }

  /**
   * sign(BatchNorm(in)) in training, as {@code bn.forward} then {@link #forward} compute it, in one
   * pass per sample ({@link BatchNorm#forwardSigns}); the backward must then be
   * {@link #backwardAfter}.
   */
  Activations forwardAfter(BatchNorm bn, Activations in) {
    bn.forwardSigns(in, out);
    input = null; // y is not kept: only backwardAfter applies
    return out;
  }

  /** The backward of {@link #forwardAfter}: ∂L/∂(BatchNorm's input) from ∂L/∂a, over {@code dOut}. */
  float[] backwardAfter(BatchNorm bn, float[] dOut) {
    return bn.backwardThroughSign(dOut, ((SteSign) quantizer).clip());
  }

  /** Whether the last training forward was {@link #forwardAfter}. */
  boolean fused() {
    return input == null;
  }

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    if (input == null) {
      throw new IllegalStateException("sign: forward ran fused with its BatchNorm; use backwardAfter");
    }
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
