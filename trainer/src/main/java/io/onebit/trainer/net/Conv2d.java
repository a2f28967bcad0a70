package io.onebit.trainer.net;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Random;

/**
 * A convolution with binary weights sign(W) (BinaryNet), as im2col + one float GEMM:
 *
 * <pre>
 *   forward:  z[r][o] = Σ_k col[r][k] · sign(W[o][k])           (r = (b, oy, ox), k = (ky, kx, c))
 *   backward: ∂L/∂W[o][k]  = Σ_r ∂L/∂z[r][o] · col[r][k]         (straight through sign(W))
 *             ∂L/∂col[r][k] = Σ_o ∂L/∂z[r][o] · sign(W[o][k]),  then col2im → ∂L/∂in
 * </pre>
 *
 * Inputs are ±1 (or the raw bytes 0..255 of an 8-bit first layer), so z is an exact integer in
 * float whatever the summation order: the float network and the folded integer one see the same
 * dot. 'same' windows read {@code padValue} outside the image: +1 for ±1 inputs (the deploy
 * model's padding bit 0), 0 for raw bytes. A 1×1 stride-1 convolution reads its input as the
 * column matrix directly.
 */
public final class Conv2d extends WeightLayer {
  public final ConvGeometry geometry;
  public final int inChannels;
  /** The value of a 'same' padding tap: +1 for ±1 inputs, 0 for raw 8-bit input. */
  public final float padValue;
  private final boolean columnsAreInput;
  private final Activations out;
  private Activations input;
  private float[] col = new float[0];
  private float[] dCol = new float[0];
  private float[] dIn = new float[0];

  Conv2d(String name, ConvGeometry geometry, int inChannels, int outChannels, float padValue, Random random) {
    super(name, geometry.kernelHeight() * geometry.kernelWidth() * inChannels,
        geometry.kernelHeight() * geometry.kernelWidth() * outChannels, outChannels, random);
    this.geometry = geometry;
    this.inChannels = inChannels;
    this.padValue = padValue;
    this.columnsAreInput = geometry.kernelHeight() == 1 && geometry.kernelWidth() == 1 && geometry.stride() == 1;
    this.out = new Activations(outputShape());
    refresh();
  }

  @Override
  public TensorShape inputShape() {
    return new TensorShape(geometry.inHeight(), geometry.inWidth(), inChannels);
  }

  @Override
  public TensorShape outputShape() {
    return new TensorShape(geometry.outHeight(), geometry.outWidth(), outputs);
  }


  private int rows(int batch) {
    return batch * geometry.outHeight() * geometry.outWidth();
  }

  @Override
  public Activations forward(Activations in, boolean training, Random random) {
    input = in;
    int batch = in.batch();
    int rows = rows(batch);
    if (columnsAreInput) {
      col = in.values();
    } else {
      col = grow(col, rows * fanIn);
      Im2col.im2col(in.values(), batch, geometry, inChannels, padValue, col);
    }
    out.prepare(batch, false);
    multiplyFloat(col, rows, out.values());
    return out;
  }

  @Override
  public float[] backward(float[] dOut, boolean needInput) {
    int batch = input.batch();
    int rows = rows(batch);
    float[] dx = null;
    if (needInput) {
      dCol = grow(dCol, rows * fanIn);
      dx = dCol;
    }
    backwardProducts(dOut, col, rows, dx);
    if (!needInput || columnsAreInput) {
      return dx;
    }
    dIn = grow(dIn, batch * inputShape().elements());
    Im2col.col2im(dCol, batch, geometry, inChannels, dIn);
    return dIn;
  }

  @Override
  public <R> R accept(LayerVisitor<R> visitor) {
    return visitor.conv(this);
  }
}
