package io.onebit.trainer.optim;

/**
 * A trainable tensor: its values, the gradient of the loss with respect to them, and how the
 * optimizer must treat it.
 *
 * @param name for logs and per-layer metrics
 * @param binary true for latent weights whose sign is the deployed binary weight
 * @param lrScale multiplies the learning rate for this tensor (BinaryNet scales the latent
 *     weights' rate by 1/H, H their Glorot bound, so a step is a fixed fraction of the range)
 * @param clip latent weights are clipped to [-clip, clip] after each step (BinaryNet: 1);
 *     {@code Float.POSITIVE_INFINITY} for no clipping
 */
public record Param(String name, float[] value, float[] grad, boolean binary, float lrScale, float clip) {
  public static Param latentWeights(String name, float[] value, float lrScale) {
    return new Param(name, value, new float[value.length], true, lrScale, 1f);
  }

  public static Param real(String name, float[] value) {
    return new Param(name, value, new float[value.length], false, 1f, Float.POSITIVE_INFINITY);
  }

  public int size() {
    return value.length;
  }

  public void zeroGrad() {
    java.util.Arrays.fill(grad, 0f);
  }
}
