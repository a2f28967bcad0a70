package io.onebit.trainer.method.bernoulli;

/**
 * Draws the hidden binary activations of a training step (the {@code sample} choice of
 * {@code --bernoulli-activation}): each unit's bit is +1 with its probability a = P(x = +1), and the
 * next layer receives the bit instead of the expectation 2a − 1. The backward is the expectation's
 * (straight through the draw: ∂x/∂a = 2, the gradient of E[x]), so the layer's distribution and its
 * gradients stay as in the expectation forward; only what the next layer sees is a draw.
 *
 * <p>Why: with expectations, a downstream layer can use the graded probabilities that undecided
 * weights produce as real-valued features, which the deployed binary network does not have; with
 * draws it sees ±1 values, as in deployment, and the spread of an undecided unit becomes noise
 * (the local-reparameterisation view of Shayer et al. 2018 and the sampled activations of Peters
 * and Welling's PBNet, 2018).
 *
 * <p>The uniform of unit i of block l at step t is a SplitMix64 hash of (seed, t, l, i): stateless,
 * so a resumed run (which restores t) draws the same bits, and independent of the thread count.
 */
final class ActivationSampler {
  private final long seed;

  ActivationSampler(long seed) {
    this.seed = seed;
  }

  /** Replaces expectations e ∈ [−1, 1] by ±1 draws with P(+1) = (1 + e)/2 (sign(0) = +1 at e = 1 only). */
  void draw(float[] e, int size, long step, int block) {
    long base = mix(mix(seed ^ 0x9E3779B97F4A7C15L * (step + 1)) ^ 0xC2B2AE3D27D4EB4FL * (block + 1));
    for (int i = 0; i < size; i++) {
      double u = (mix(base + 0x9E3779B97F4A7C15L * i) >>> 11) * 0x1.0p-53;
      e[i] = u < 0.5 * (1 + e[i]) ? 1f : -1f;
    }
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
