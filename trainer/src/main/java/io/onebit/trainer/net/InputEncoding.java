package io.onebit.trainer.net;

import io.onebit.model.InputSpec;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.model.TensorShape;

/**
 * How raw 8-bit samples become the first layer's input, the same way in training and on the
 * device (the deploy model's {@link InputSpec}):
 *
 * <pre>
 *   threshold t:  x = +1 where pixel ≥ t, else −1   (binary: packed for XOR + popcount)
 *   bitplanes:    x = pixel ∈ 0..255                 (BinaryNet's 8-bit first layer on raw bytes)
 * </pre>
 *
 * Raw bytes are not rescaled: the BatchNorm after the first convolution is invariant to the
 * input's scale, and integer x keeps z = Σ x·w an exact integer, the very dot the folded threshold
 * is compared with.
 */
public sealed interface InputEncoding {
  /** The threshold of 1-bit inputs. */
  Hyperparameter<Integer> THRESHOLD = Hyperparameter.integer("input-threshold", 64, Hyperparameter.intRange(0, 256),
      "thresholded input: pixels >= this are +1");

  /** The float value of a raw byte. */
  float value(int pixel);

  /** Whether inputs are ±1 (and get packed). */
  boolean binary();

  /** A 'same' padding tap of the first convolution: +1 for ±1 inputs, 0 for raw bytes (adds nothing). */
  float padValue();

  /** The deploy model's input spec for samples of {@code shape}. */
  InputSpec spec(TensorShape shape);

  /** 1-bit input: pixel ≥ threshold is +1. */
  record Threshold(int threshold) implements InputEncoding {
    public Threshold {
      THRESHOLD.check(threshold, "input threshold");
    }

    @Override
    public float value(int pixel) {
      return pixel >= threshold ? 1f : -1f;
    }

    @Override
    public boolean binary() {
      return true;
    }

    @Override
    public float padValue() {
      return 1f;
    }

    @Override
    public InputSpec spec(TensorShape s) {
      return InputSpec.thresholded(s.height(), s.width(), s.channels(), threshold);
    }
  }

  /** 8-bit input for a first convolution on bit-planes. */
  record Bitplanes() implements InputEncoding {
    @Override
    public float value(int pixel) {
      return pixel;
    }

    @Override
    public boolean binary() {
      return false;
    }

    @Override
    public float padValue() {
      return 0f;
    }

    @Override
    public InputSpec spec(TensorShape s) {
      return InputSpec.bitplanes(s.height(), s.width(), s.channels());
    }
  }
}
