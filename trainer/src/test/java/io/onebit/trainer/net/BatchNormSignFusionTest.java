package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.TensorShape;
import io.onebit.trainer.quant.ApproxSign;
import io.onebit.trainer.quant.SteSign;
import io.onebit.trainer.quant.StochasticSign;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm followed by ste-sign as one pass per sample ({@link Sign#forwardAfter}) and its
 * backward with the sign's mask inside BatchNorm's passes ({@link Sign#backwardAfter}): the signs
 * (floats and packed bits), ∂L/∂z, ∂L/∂γ and ∂L/∂β are the bits of the two layers run one after
 * the other; channels in vectors and not, samples not a whole number of longs, shift-based.
 */
class BatchNormSignFusionTest {
  @ParameterizedTest
  @CsvSource({
      "14,14,32,false,1", "7,7,32,true,1", "5,5,64,false,1", "1,1,1024,false,1", "1,1,10,false,1",
      "3,3,13,false,0.5", "2,3,5,true,2"})
  void fusedGivesTheTwoLayersBits(int h, int w, int c, boolean shiftBased, float clip) {
    Random random = new Random(h * 97 + c);
    TensorShape shape = new TensorShape(h, w, c);
    int batch = 7;
    int n = batch * shape.elements();
    float[] z = Batches.gaussian(n, random);
    for (int i = 0; i < n; i++) {
      z[i] = 3 * z[i] + (i % c) * 0.25f; // channels with their own mean
    }
    float[] gamma = Batches.gaussian(c, random);
    float[] beta = Batches.gaussian(c, random);
    float[] da = Batches.gaussian(n, random);
    for (int i = 0; i < n; i += 3) {
      da[i] = 0f;
    }
    BatchNorm bn1 = batchNorm(shape, shiftBased, gamma, beta);
    Sign sign1 = new Sign(shape, new SteSign(clip));
    BatchNorm bn2 = batchNorm(shape, shiftBased, gamma, beta);
    Sign sign2 = new Sign(shape, new SteSign(clip));
    assertTrue(sign2.fusesAfter(bn2));

    Activations a1 = sign1.forward(bn1.forward(Batches.real(shape, z), true, null), true, null);
    Activations a2 = sign2.forwardAfter(bn2, Batches.real(shape, z));
    assertArrayEquals(Arrays.copyOf(a1.values(), n), Arrays.copyOf(a2.values(), n), "±1 floats");
    int longs = batch * a1.longs();
    assertArrayEquals(Arrays.copyOf(a1.packed(), longs), Arrays.copyOf(a2.packed(), longs), "packed signs");

    float[] d1 = bn1.backward(sign1.backward(da.clone(), true), true);
    float[] d2 = sign2.backwardAfter(bn2, da.clone());
    assertArrayEquals(Arrays.copyOf(d1, n), Arrays.copyOf(d2, n), "input gradient");
    assertArrayEquals(bn1.gamma().grad(), bn2.gamma().grad(), "gamma gradient");
    assertArrayEquals(bn1.beta().grad(), bn2.beta().grad(), "beta gradient");
  }

  /** Quantizers whose backward is not a mask, or whose training forward draws, keep the two layers. */
  @Test
  void onlyADeterministicSteSignIsFused() {
    TensorShape shape = new TensorShape(2, 2, 8);
    BatchNorm bn = new BatchNorm("bn", shape, false);
    assertFalse(new Sign(shape, new ApproxSign()).fusesAfter(bn));
    assertFalse(new Sign(shape, new StochasticSign()).fusesAfter(bn));
    assertFalse(new Sign(new TensorShape(4, 2, 4), new SteSign(1f)).fusesAfter(bn));
  }

  @Test
  void theSignsOwnBackwardRefusesAFusedForward() {
    TensorShape shape = new TensorShape(2, 2, 8);
    BatchNorm bn = new BatchNorm("bn", shape, false);
    Sign sign = new Sign(shape, new SteSign(1f));
    sign.forwardAfter(bn, Batches.real(shape, Batches.gaussian(3 * shape.elements(), new Random(1))));
    assertThrows(IllegalStateException.class, () -> sign.backward(new float[3 * shape.elements()], true));
  }

  private static BatchNorm batchNorm(TensorShape shape, boolean shiftBased, float[] gamma, float[] beta) {
    BatchNorm bn = new BatchNorm("bn", shape, shiftBased);
    System.arraycopy(gamma, 0, bn.gamma().value(), 0, gamma.length);
    System.arraycopy(beta, 0, bn.beta().value(), 0, beta.length);
    return bn;
  }
}
