package io.onebit.trainer.method.rl.bitnet;

import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.Conv2d;
import io.onebit.trainer.net.Dense;
import io.onebit.trainer.net.Flatten;
import io.onebit.trainer.net.Layer;
import io.onebit.trainer.net.LayerVisitor;
import io.onebit.trainer.net.MaxPool2d;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.Sign;
import io.onebit.trainer.net.WeightLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary weights of a fully connected network, packed: layer l has {@code inputs(l)} inputs
 * and {@code outputs(l)} neurons, each neuron's weights one row of {@code rowLongs(l) = ⌈inputs/64⌉}
 * longs, bit 1 = −1, padding bits 0 — the layout of {@link WeightLayer#packedSigns()} and of the
 * deploy model. The last layer is the output layer (one neuron per class). A candidate network of
 * a population is one of these; the thresholds that go with it live in a {@link Centering}.
 */
public final class BitNet {
  private final int[] inputs;
  private final int[] outputs;
  private final int[] rowLongs;
  private final long[][] rows;

  /**
   * @param widths the input size, then each layer's neurons; the last is the number of classes
   * @throws IllegalArgumentException for fewer than one layer or a width below 1
   */
  public BitNet(int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("a network needs an input and at least one layer");
    }
    int layers = widths.length - 1;
    inputs = new int[layers];
    outputs = new int[layers];
    rowLongs = new int[layers];
    rows = new long[layers][];
    for (int l = 0; l < layers; l++) {
      if (widths[l] < 1 || widths[l + 1] < 1) {
        throw new IllegalArgumentException("layer widths must be at least 1: " + Arrays.toString(widths));
      }
      inputs[l] = widths[l];
      outputs[l] = widths[l + 1];
      rowLongs[l] = (widths[l] + 63) >>> 6;
      rows[l] = new long[outputs[l] * rowLongs[l]];
    }
  }

  /**
   * The shape of a training network's binary layers, refusing anything but dense blocks
   * (flatten, dense, BatchNorm, sign): a convolution shares each weight across every window, so
   * one flip moves every output pixel of its channel and the per-neuron incremental evaluation
   * this class serves has nothing to save.
   *
   * @throws IllegalArgumentException naming the first layer that is not dense
   */
  public static BitNet shapeOf(Network network) {
    List<Integer> widths = new ArrayList<>();
    for (Layer layer : network.layers()) {
      layer.accept(new LayerVisitor<Void>() {
        @Override
        public Void dense(Dense d) {
          if (widths.isEmpty()) {
            widths.add(d.fanIn);
          }
          widths.add(d.outputs);
          return null;
        }

        @Override
        public Void conv(Conv2d c) {
          throw notDense("convolution " + c.name());
        }

        @Override
        public Void maxPool(MaxPool2d p) {
          throw notDense("max-pool");
        }

        @Override
        public Void batchNorm(BatchNorm b) {
          return null;
        }

        @Override
        public Void sign(Sign s) {
          return null;
        }

        @Override
        public Void flatten(Flatten f) {
          return null;
        }
      });
    }
    if (!network.encoding().binary()) {
      throw notDense("8-bit input");
    }
    return new BitNet(widths.stream().mapToInt(Integer::intValue).toArray());
  }

  private static IllegalArgumentException notDense(String what) {
    return new IllegalArgumentException("the bit-packed evaluator takes fully connected networks on 1-bit input only"
        + " (tfc, sfc, lfc, dense architecture files), not a " + what);
  }

  /** Copies sign(W) of every weight layer of {@code network} (same shape) into this. */
  public void readSigns(Network network) {
    List<WeightLayer> layers = network.weightLayers();
    for (int l = 0; l < layers(); l++) {
      System.arraycopy(layers.get(l).packedSigns(), 0, rows[l], 0, rows[l].length);
    }
  }

  public int layers() {
    return rows.length;
  }

  public int inputs(int layer) {
    return inputs[layer];
  }

  public int outputs(int layer) {
    return outputs[layer];
  }

  public int rowLongs(int layer) {
    return rowLongs[layer];
  }

  /** Layer {@code layer}'s rows, neuron j at {@code j·rowLongs(layer)} (live, not a copy). */
  public long[] rows(int layer) {
    return rows[layer];
  }

  /** The number of classes (outputs of the last layer). */
  public int classes() {
    return outputs[rows.length - 1];
  }

  /** Binary weights in all layers. */
  public long weights() {
    long n = 0;
    for (int l = 0; l < layers(); l++) {
      n += (long) inputs[l] * outputs[l];
    }
    return n;
  }

  /** True where weight (j, i) of layer l is −1. */
  public boolean negative(int layer, int j, int i) {
    return ((rows[layer][j * rowLongs[layer] + (i >>> 6)] >>> (i & 63)) & 1L) != 0;
  }

  /** Weight (j, i) of layer l as ±1. */
  public int weight(int layer, int j, int i) {
    return negative(layer, j, i) ? -1 : 1;
  }

  /** Changes the sign of weight (j, i) of layer l. */
  public void flip(int layer, int j, int i) {
    rows[layer][j * rowLongs[layer] + (i >>> 6)] ^= 1L << (i & 63);
  }

  /** Makes this network equal to {@code other} (same shape). */
  public void copyFrom(BitNet other) {
    for (int l = 0; l < layers(); l++) {
      System.arraycopy(other.rows[l], 0, rows[l], 0, rows[l].length);
    }
  }

  /** An independent copy. */
  public BitNet copy() {
    int[] widths = new int[layers() + 1];
    widths[0] = inputs[0];
    for (int l = 0; l < layers(); l++) {
      widths[l + 1] = outputs[l];
    }
    BitNet c = new BitNet(widths);
    c.copyFrom(this);
    return c;
  }

  /** Same shape. */
  public boolean sameShape(BitNet other) {
    return Arrays.equals(inputs, other.inputs) && Arrays.equals(outputs, other.outputs);
  }

  /** Same shape and weights. */
  public boolean sameWeights(BitNet other) {
    return sameShape(other) && Arrays.deepEquals(rows, other.rows);
  }
}
