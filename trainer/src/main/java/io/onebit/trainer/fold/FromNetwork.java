package io.onebit.trainer.fold;

import io.onebit.model.InputSpec;
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
import java.util.List;

/**
 * The first fold step: the trained {@link Network}'s inference form as a {@link FoldGraph}, one op
 * per layer: sign(W) of each weight layer, each BatchNorm as its inference affine map (the scale
 * exactly as the network computes it, {@link BatchNorm#inferenceScale}), signs, pools, flattens.
 * A flatten straight on the input is dropped: the deploy model packs a thresholded input flat
 * when a dense layer reads it.
 */
final class FromNetwork {
  private FromNetwork() {}

  static FoldGraph of(Network network) {
    InputSpec input = network.encoding().spec(network.inputShape());
    List<FoldOp> ops = new ArrayList<>();
    LayerVisitor<FoldOp> toOp = new LayerVisitor<>() {
      @Override
      public FoldOp dense(Dense layer) {
        return new FoldOp.Weights(FoldOp.Kind.DENSE, layer.inputShape(), layer.outputShape(), null, layer.fanIn,
            negative(layer));
      }

      @Override
      public FoldOp conv(Conv2d layer) {
        boolean first = ops.isEmpty();
        FoldOp.Kind kind = first && input.isBitplanes() ? FoldOp.Kind.BITPLANE_CONV : FoldOp.Kind.CONV;
        return new FoldOp.Weights(kind, layer.inputShape(), layer.outputShape(), layer.geometry, layer.fanIn,
            negative(layer));
      }

      @Override
      public FoldOp maxPool(MaxPool2d layer) {
        return new FoldOp.Pool(layer.inputShape(), layer.geometry, new boolean[layer.channels]);
      }

      @Override
      public FoldOp batchNorm(BatchNorm layer) {
        int c = layer.channels;
        double[] scale = new double[c];
        double[] mean = new double[c];
        double[] beta = new double[c];
        for (int i = 0; i < c; i++) {
          scale[i] = layer.inferenceScale(i);
          mean[i] = layer.populationMean()[i];
          beta[i] = layer.beta().value()[i];
        }
        return new FoldOp.Affine(layer.inputShape(), scale, mean, beta);
      }

      @Override
      public FoldOp sign(Sign layer) {
        return new FoldOp.Sign(layer.inputShape());
      }

      @Override
      public FoldOp flatten(Flatten layer) {
        return new FoldOp.Flatten(layer.inputShape());
      }
    };
    for (Layer layer : network.layers()) {
      FoldOp op = layer.accept(toOp);
      if (!(op instanceof FoldOp.Flatten && ops.isEmpty())) {
        ops.add(op);
      }
    }
    return new FoldGraph(input, ops);
  }

  /** sign(W) &lt; 0 per weight, as the deploy format packs it (sign(0) = +1). */
  private static boolean[] negative(WeightLayer layer) {
    float[] w = layer.latent().value();
    boolean[] neg = new boolean[w.length];
    for (int i = 0; i < w.length; i++) {
      neg[i] = w[i] < 0f;
    }
    return neg;
  }

}
