package io.onebit.trainer.quant;

/**
 * A binarizing function and the pseudo-gradient used in its place during backpropagation.
 * Forward maps to {-1, +1} (sign(0) = +1, matching bit 0 of the deploy format).
 */
public interface Quantizer {
  /** The binary value, −1 or +1. */
  float forward(float x);

  /** The pseudo-derivative d forward / dx used by the backward pass. */
  float backward(float x);
}
