package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import java.util.Random;

/**
 * H×W×C → 1×1×(H·W·C). Activations are HWC per sample, which is the deploy model's flatten order
 * (y·W + x)·C + c, so this only relabels the shape: values and packed bits pass unchanged.
 */
public final class Flatten implements Layer {
  private final TensorShape in;
  private final TensorShape flat;
  private final Activations out;

  Flatten(TensorShape in) {
    this.in = in;
    this.flat = TensorShape.vector(in.elements());
    this.out = new Activations(flat);
  }

  @Override
  public TensorShape inputShape() {
    return in;
  }

  @Override
  public TensorShape outputShape() {
    return flat;
  }

  @Override
  public Activations forward(Activations input, boolean training, Random random) {
    out.viewOf(input);
    return out;
  }

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    return dOut;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.flatten(this);
  }
}
