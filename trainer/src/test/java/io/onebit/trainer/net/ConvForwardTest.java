package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.ConvGeometry;
import io.onebit.model.TensorShape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The convolution's XOR-popcount forward on binary inputs equals its float (im2col + GEMM) forward. */
class ConvForwardTest {
  @ParameterizedTest
  @CsvSource({
      "28,28,1,8,3,3,1,same", "14,14,32,32,3,3,1,same", "7,7,32,64,3,3,1,valid", "9,8,33,17,3,2,2,same",
      "6,6,64,5,1,1,1,valid", "5,7,65,3,2,3,1,same", "12,12,8,32,10,10,2,valid", "4,4,3,7,5,5,3,same"})
  void bitForwardEqualsFloatForward(int h, int w, int c, int filters, int kh, int kw, int stride, String padding) {
    Random random = new Random(h * 131 + c * 7 + filters);
    ConvGeometry g = new ConvGeometry(h, w, kh, kw, stride, padding);
    Conv2d conv = new Conv2d("c", g, c, filters, 1f, random);
    int batch = 3;
    TensorShape in = new TensorShape(h, w, c);
    Activations bits = Batches.signs(in, batch, random);
    float[] viaBits = conv.forward(bits, true, null).values().clone();
    Activations floats = Batches.real(in, Arrays.copyOf(bits.values(), batch * in.elements()));
    float[] viaFloats = conv.forward(floats, true, null).values();
    int n = batch * conv.outputShape().elements();
    for (int i = 0; i < n; i++) {
      assertEquals(viaFloats[i], viaBits[i], "output " + i);
    }
    // the backward after a bit forward builds its columns itself: the same gradients as after a float forward
    float[] dz = Batches.gaussian(n, random);
    conv.latent().zeroGrad();
    conv.forward(bits, true, null);
    float[] dxBits = conv.backward(dz.clone(), true).clone();
    float[] gradBits = conv.latent().grad().clone();
    conv.latent().zeroGrad();
    conv.forward(floats, true, null);
    float[] dxFloats = conv.backward(dz.clone(), true);
    assertEquals(Arrays.toString(Arrays.copyOf(dxFloats, batch * in.elements())),
        Arrays.toString(Arrays.copyOf(dxBits, batch * in.elements())));
    assertEquals(Arrays.toString(conv.latent().grad()), Arrays.toString(gradBits));
  }

  /**
   * The column backward after a bit forward sets the weight gradient from the windows' bits
   * (no float column matrix): the bits of the float columns' product, whatever the gradient held.
   */
  @ParameterizedTest
  @CsvSource({
      "14,14,32,32,3,3,1,same", "7,7,32,64,3,3,1,valid", "28,28,1,32,6,6,2,valid", "12,12,8,32,10,10,2,valid",
      "9,8,33,40,3,2,2,same", "4,4,3,37,5,5,3,same", "6,6,8,8,3,3,1,same"})
  void aWeightGradientSetFromTheWindowsBitsIsTheColumnsOne(int h, int w, int c, int filters, int kh, int kw,
      int stride, String padding) {
    Random random = new Random(h * 7 + c * 3 + filters);
    ConvGeometry g = new ConvGeometry(h, w, kh, kw, stride, padding);
    Conv2d conv = new Conv2d("c", g, c, filters, 1f, random);
    int batch = 5;
    TensorShape in = new TensorShape(h, w, c);
    Activations bits = Batches.signs(in, batch, random);
    Activations floats = Batches.real(in, Arrays.copyOf(bits.values(), batch * in.elements()));
    float[] dz = Batches.gaussian(batch * conv.outputShape().elements(), random);
    float[][] results = new float[2][];
    float[][] inputGradients = new float[2][];
    Conv2d.BackwardPath before = Conv2d.backwardPath;
    Conv2d.backwardPath = Conv2d.BackwardPath.COLUMNS;
    try {
      for (int i = 0; i < 2; i++) {
        conv.forward(i == 0 ? floats : bits, true, null);
        Arrays.fill(conv.latent().grad(), Float.NaN); // an earlier batch's gradient
        conv.setGradientOnNextBackward();
        inputGradients[i] = Arrays.copyOf(conv.backward(dz.clone(), true), batch * in.elements());
        results[i] = conv.latent().grad().clone();
      }
    } finally {
      Conv2d.backwardPath = before;
    }
    assertEquals(Arrays.toString(results[0]), Arrays.toString(results[1]), "weight gradient");
    assertEquals(Arrays.toString(inputGradients[0]), Arrays.toString(inputGradients[1]), "input gradient");
  }

  /**
   * A convolution built to pad with 0 (raw bytes) refuses ±1 input, in the batch and the per-sample
   * forward alike: its XOR/popcount path would pad with +1 and its float path with 0. Padding values
   * other than +1 and 0 are refused when it is built.
   */
  @Test
  void binaryInputToAZeroPaddedConvolutionIsRefused() {
    Random random = new Random(5);
    ConvGeometry g = new ConvGeometry(6, 6, 3, 3, 1, "same");
    Conv2d conv = new Conv2d("conv0", g, 2, 4, 0f, random);
    Activations bits = Batches.signs(new TensorShape(6, 6, 2), 2, random);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> conv.forward(bits, true, null));
    assertTrue(e.getMessage().startsWith("conv0: ±1 input needs padding value +1"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> conv.beginSamples(bits));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new Conv2d("conv1", g, 2, 4, -1f, random));
    assertTrue(bad.getMessage().startsWith("conv1: padding value -1.0"), bad.getMessage());
  }
}
