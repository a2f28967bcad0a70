package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.math.Parallel;
import java.util.Random;

/**
 * A fully connected binary layer (BinaryNet): inputs → outputs, on a vector input (a spatial
 * tensor is flattened first, {@link Flatten}).
 *
 * <pre>
 *   z[b][j] = Σ_i x[b][i]·sign(W[j][i]) = K − 2·popcount(x_b XOR w_j)
 * </pre>
 *
 * When the input is binary and the weights are sign(W) the forward is that exact integer
 * formula, the same the deployed C performs, two samples × two weight rows per step so each
 * loaded word feeds two popcounts; otherwise (real weights in stage 1 of two-stage) the float GEMM.
 */
public final class Dense extends WeightLayer {
  private float[] z = new float[0];
  private final Activations out;
  private Activations input;

  Dense(String name, int inputs, int outputs, Random random) {
    super(name, inputs, outputs, outputs, random);
    this.out = new Activations(TensorShape.vector(outputs));
    refresh();
  }

  public int inputs() {
    return fanIn;
  }

  @Override
  public TensorShape inputShape() {
    return TensorShape.vector(fanIn);
  }

  @Override
  public TensorShape outputShape() {
    return TensorShape.vector(outputs);
  }


  @Override
  public Activations forward(Activations in, boolean training, Random random) {
    input = in;
    int n = in.batch();
    out.prepare(n, false);
    z = out.values();
    if (in.binary() && binaryWeights()) {
      long[] x = in.packed();
      Parallel.range(n, 2, (from, to) -> {
        int b = from;
        for (; b + 1 < to; b += 2) {
          xnorPair(x, b * rowLongs, (b + 1) * rowLongs, z, b * outputs, (b + 1) * outputs);
        }
        if (b < to) {
          xnorPair(x, b * rowLongs, b * rowLongs, z, b * outputs, b * outputs);
        }
      });
    } else {
      multiplyFloat(in.values(), n, z);
    }
    return out;
  }

  private float[] dIn = new float[0];

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    int n = input.batch();
    float[] dx = null;
    if (needInput) {
      dIn = grow(dIn, n * fanIn);
      dx = dIn;
    }
    backwardProducts(dOut, input.values(), n, dx);
    return dx;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.dense(this);
  }
}
