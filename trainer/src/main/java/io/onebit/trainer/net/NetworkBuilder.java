package io.onebit.trainer.net;

import io.onebit.model.TensorShape;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.LayerSpec;
import io.onebit.trainer.quant.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds the {@link Network} of an {@link Architecture}: each weight layer (conv or dense, the
 * latter after a {@link Flatten} when its input is spatial) with the max-pools that follow it in
 * the file, then BatchNorm and sign; last the implicit output block, dense to the classes and
 * BatchNorm. Weight layers draw their initial weights from {@code random} in layer order.
 */
public final class NetworkBuilder {
  private final List<Layer> layers = new ArrayList<>();
  private final InputEncoding encoding;
  private final Quantizer activation;
  private final boolean shiftBatchNorm;
  private final Random random;
  private TensorShape shape;
  private int blocks;
  private boolean blockOpen;

  private NetworkBuilder(TensorShape input, InputEncoding encoding, Quantizer activation, boolean shiftBatchNorm,
      Random random) {
    this.shape = input;
    this.encoding = encoding;
    this.activation = activation;
    this.shiftBatchNorm = shiftBatchNorm;
    this.random = random;
  }

  /**
   * @param input the per-sample input shape
   * @param activation the hidden layers' sign quantizer
   * @param shiftBatchNorm BinaryNet's shift-based BatchNorm in every block
   * @throws IllegalArgumentException naming the architecture file when a layer does not fit
   */
  public static Network build(Architecture arch, TensorShape input, int classes, InputEncoding encoding,
      Quantizer activation, boolean shiftBatchNorm, Random random) {
    arch.binaryWeights(input, classes);
    NetworkBuilder b = new NetworkBuilder(input, encoding, activation, shiftBatchNorm, random);
    LayerSpec.Visitor<Void> adder = b.new Adder();
    for (LayerSpec spec : arch.layers()) {
      if (spec.hasWeights()) {
        b.closeBlock();
      }
      spec.accept(adder);
    }
    b.closeBlock();
    b.flattenIfSpatial();
    b.add(new Dense("output", b.shape.elements(), classes, random));
    b.add(new BatchNorm("output.bn", b.shape, shiftBatchNorm));
    return new Network(input, encoding, classes, b.layers);
  }

  private void add(Layer layer) {
    layers.add(layer);
    shape = layer.outputShape();
  }

  private void flattenIfSpatial() {
    if (!shape.isVector()) {
      add(new Flatten(shape));
    }
  }

  private String blockName() {
    return "layer" + blocks;
  }

  /** Ends the open block (a weight layer and its pools) with BatchNorm and sign. */
  private void closeBlock() {
    if (blockOpen) {
      add(new BatchNorm(blockName() + ".bn", shape, shiftBatchNorm));
      add(new Sign(shape, activation));
      blocks++;
      blockOpen = false;
    }
  }

  private final class Adder implements LayerSpec.Visitor<Void> {
    @Override
    public Void conv(LayerSpec.Conv spec) {
      float pad = blocks == 0 ? encoding.padValue() : 1f;
      add(new Conv2d(blockName(), spec.geometry(shape), shape.channels(), spec.filters(), pad, random));
      blockOpen = true;
      return null;
    }

    @Override
    public Void maxPool(LayerSpec.MaxPool spec) {
      add(new MaxPool2d(shape.height(), shape.width(), shape.channels(), spec.height(), spec.width(), spec.stride()));
      return null;
    }

    @Override
    public Void dense(LayerSpec.Dense spec) {
      flattenIfSpatial();
      add(new Dense(blockName(), shape.elements(), spec.units(), random));
      blockOpen = true;
      return null;
    }
  }
}
