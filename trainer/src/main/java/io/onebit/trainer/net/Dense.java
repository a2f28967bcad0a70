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
          forwardPair(x, b * rowLongs, (b + 1) * rowLongs, b * outputs, (b + 1) * outputs);
        }
        if (b < to) {
          forwardPair(x, b * rowLongs, b * rowLongs, b * outputs, b * outputs);
        }
      });
    } else {
      multiplyFloat(in.values(), n, z);
    }
    return out;
  }

  private void forwardPair(long[] in, int x0, int x1, int z0, int z1) {
    long[] w = packedSigns();
    int k = rowLongs;
    int j = 0;
    for (; j + 1 < outputs; j += 2) {
      int w0 = j * k;
      int w1 = w0 + k;
      int d00 = 0;
      int d01 = 0;
      int d10 = 0;
      int d11 = 0;
      for (int i = 0; i < k; i++) {
        long a0 = in[x0 + i];
        long a1 = in[x1 + i];
        long v0 = w[w0 + i];
        long v1 = w[w1 + i];
        d00 += Long.bitCount(a0 ^ v0);
        d01 += Long.bitCount(a0 ^ v1);
        d10 += Long.bitCount(a1 ^ v0);
        d11 += Long.bitCount(a1 ^ v1);
      }
      z[z0 + j] = fanIn - 2 * d00;
      z[z0 + j + 1] = fanIn - 2 * d01;
      z[z1 + j] = fanIn - 2 * d10;
      z[z1 + j + 1] = fanIn - 2 * d11;
    }
    if (j < outputs) {
      int w0 = j * k;
      int d0 = 0;
      int d1 = 0;
      for (int i = 0; i < k; i++) {
        d0 += Long.bitCount(in[x0 + i] ^ w[w0 + i]);
        d1 += Long.bitCount(in[x1 + i] ^ w[w0 + i]);
      }
      z[z0 + j] = fanIn - 2 * d0;
      z[z1 + j] = fanIn - 2 * d1;
    }
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
