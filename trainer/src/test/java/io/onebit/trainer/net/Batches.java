package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import java.util.Random;

/** Test inputs for layers: random ±1 batches (packed and float) and real-valued ones. */
final class Batches {
  private Batches() {}

  /** {@code n} random ±1 samples of {@code shape}, packed as well (binary). */
  static Activations signs(TensorShape shape, int n, Random random) {
    float[] v = new float[n * shape.elements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextBoolean() ? 1f : -1f;
    }
    Activations a = new Activations(shape);
    a.setSigns(v, n);
    return a;
  }

  /** {@code values} as a real-valued (not binary) batch of {@code shape}. */
  static Activations real(TensorShape shape, float[] values) {
    Activations a = new Activations(shape);
    int n = values.length / shape.elements();
    a.prepare(n, false);
    System.arraycopy(values, 0, a.values(), 0, values.length);
    return a;
  }

  static float[] gaussian(int n, Random random) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
