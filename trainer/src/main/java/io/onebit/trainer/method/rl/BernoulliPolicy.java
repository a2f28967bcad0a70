package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.WeightLayer;
import io.onebit.trainer.optim.Param;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stochastic policy over binary weights: every weight w_i an independent Bernoulli variable
 * with logit θ_i,
 *
 * <pre>
 *   π_θ(w) = Π_i p_i^[w_i = +1] (1 − p_i)^[w_i = −1],   p_i = σ(θ_i) = 1/(1 + e^−θ_i)
 *   ∂ log π_θ(w)/∂θ_i = [w_i = +1] − p_i                 (the score function)
 *   H(p_i) = −p_i log p_i − (1 − p_i) log(1 − p_i),  ∂H/∂θ_i = −θ_i·p_i(1 − p_i)
 * </pre>
 *
 * The parameters live in each weight layer's latent tensor W ({@link WeightLayer#setLatent}),
 * either as the logits θ (rl: W = θ, clipped to [−c, c] so that every weight keeps a chance
 * 1/(1 + e^c) of either value) or as the mean of the ±1 weight (es: W = E[w] = 2p − 1, clipped
 * to the same probabilities, |W| ≤ tanh(c/2)). Either way sign(W) (0 gives +1) is the mode,
 * the network fold deploys. The tensor the network was built with is taken over as it is, so a
 * resumed run, whose tensors the checkpoint restored, continues from exactly where it stopped.
 */
final class BernoulliPolicy {
  private final List<WeightLayer> layers;
  private final Param[] logits;
  private final float[][] probability;
  private final boolean mean;
  private final float clip;

  /**
   * Takes over the latent tensors of {@code network} as logits (or, with {@code mean}, as E[w]),
   * clipped to probabilities in [1/(1 + e^clip), 1 − 1/(1 + e^clip)].
   */
  BernoulliPolicy(Network network, float clip, boolean mean) {
    this.layers = network.weightLayers();
    this.logits = new Param[layers.size()];
    this.probability = new float[layers.size()][];
    this.mean = mean;
    this.clip = mean ? (float) Math.tanh(clip / 2.0) : clip;
    for (int l = 0; l < layers.size(); l++) {
      WeightLayer layer = layers.get(l);
      Param old = layer.latent();
      float[] theta = old.value();
      for (int k = 0; k < theta.length; k++) {
        theta[k] = Math.max(-this.clip, Math.min(this.clip, theta[k]));
      }
      logits[l] = new Param(old.name(), theta, new float[theta.length], true, 1f, this.clip);
      layer.setLatent(logits[l]);
      probability[l] = new float[theta.length];
    }
    network.setBinaryWeights(true);
    updateProbabilities();
  }

  /**
   * θ_i ← c·sign(θ_i) (sign(0) = +1): a decided policy around the network's initial signs, so
   * that draws are the mode with a few weights changed (a fraction 1/(1 + e^c)). Starting at
   * p = ½ instead, every draw is a fresh random network, over which the effect of any weight
   * below the output layer averages to zero: ∇J vanishes there by symmetry.
   */
  void decide(float c) {
    float value = mean ? (float) Math.tanh(c / 2.0) : c;
    for (Param theta : logits) {
      float[] v = theta.value();
      for (int k = 0; k < v.length; k++) {
        v[k] = v[k] < 0 ? -value : value;
      }
    }
    updateProbabilities();
  }

  /** The bound of |W| (a logit, or a mean when mean-parametrised). */
  float clip() {
    return clip;
  }

  List<Param> params() {
    return List.of(logits);
  }

  int layers() {
    return logits.length;
  }

  /** W of layer l (θ, or E[w] when mean-parametrised; outputs × inputs, live). */
  float[] logits(int layer) {
    return logits[layer].value();
  }

  /** ∂(loss)/∂θ of layer l, the optimizer's input (live). */
  float[] gradient(int layer) {
    return logits[layer].grad();
  }

  /** p = σ(θ) of layer l as of the last {@link #updateProbabilities} (live). */
  float[] probabilities(int layer) {
    return probability[layer];
  }

  /** Recomputes p = σ(θ) (or (W + 1)/2) after W changed. */
  void updateProbabilities() {
    for (int l = 0; l < logits.length; l++) {
      float[] theta = logits[l].value();
      float[] p = probability[l];
      for (int k = 0; k < theta.length; k++) {
        p[k] = mean ? (theta[k] + 1) / 2 : (float) (1 / (1 + Math.exp(-theta[k])));
      }
    }
  }

  /** The mode: w_i = +1 where θ_i ≥ 0 (the deployed sign(W)), into {@code net}. */
  void mode(BitNet net) {
    for (int l = 0; l < logits.length; l++) {
      float[] theta = logits[l].value();
      pack(net, l, k -> theta[k] < 0);
    }
  }

  /**
   * One draw w ~ π_θ into {@code net} from uniforms u_i (w_i = +1 ⇔ u_i &lt; p_i) and, when
   * {@code mirror} is not null, its antithetic twin from 1 − u_i: for each weight the pair is
   * negatively correlated, and each of the two is exactly a draw of π_θ.
   */
  void sample(BitNet net, BitNet mirror, SplittableRandom random) {
    for (int l = 0; l < logits.length; l++) {
      float[] p = probability[l];
      long[] rows = net.rows(l);
      long[] twin = mirror == null ? null : mirror.rows(l);
      int fanIn = net.inputs(l);
      int rl = net.rowLongs(l);
      for (int j = 0; j < net.outputs(l); j++) {
        for (int t = 0; t < rl; t++) {
          long word = 0;
          long mirrored = 0;
          int end = Math.min(64, fanIn - (t << 6));
          for (int k = 0; k < end; k++) {
            double u = random.nextDouble();
            float pk = p[j * fanIn + (t << 6) + k];
            if (!(u < pk)) {
              word |= 1L << k;
            }
            if (!(1 - u < pk)) {
              mirrored |= 1L << k;
            }
          }
          rows[j * rl + t] = word;
          if (twin != null) {
            twin[j * rl + t] = mirrored;
          }
        }
      }
    }
  }

  /** Mean entropy per weight, in bits. */
  double meanEntropyBits() {
    double sum = 0;
    long n = 0;
    for (float[] p : probability) {
      for (float q : p) {
        if (q > 0 && q < 1) {
          sum -= q * Math.log(q) + (1 - q) * Math.log(1 - q);
        }
      }
      n += p.length;
    }
    return sum / n / Math.log(2);
  }

  /** Mean |2p − 1| over the weights: 0 for coin flips, 1 for a decided network. */
  double meanDecision() {
    double sum = 0;
    long n = 0;
    for (float[] p : probability) {
      for (float q : p) {
        sum += Math.abs(2 * q - 1);
      }
      n += p.length;
    }
    return sum / n;
  }

  /** Refreshes each layer's sign(W) (the mode) after θ changed. */
  void refreshNetwork() {
    for (WeightLayer layer : layers) {
      layer.refresh();
    }
  }

  private interface BitRule {
    boolean negative(int index);
  }

  private static void pack(BitNet net, int l, BitRule rule) {
    long[] rows = net.rows(l);
    int fanIn = net.inputs(l);
    int rl = net.rowLongs(l);
    for (int j = 0; j < net.outputs(l); j++) {
      for (int t = 0; t < rl; t++) {
        long word = 0;
        int end = Math.min(64, fanIn - (t << 6));
        for (int k = 0; k < end; k++) {
          if (rule.negative(j * fanIn + (t << 6) + k)) {
            word |= 1L << k;
          }
        }
        rows[j * rl + t] = word;
      }
    }
  }
}
