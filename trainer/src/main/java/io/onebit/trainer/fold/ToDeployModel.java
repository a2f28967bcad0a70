package io.onebit.trainer.fold;

import io.onebit.model.BitPacking;
import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.ConvGeometry;
import io.onebit.model.ConvSignLayer;
import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DenseSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.FlattenLayer;
import io.onebit.model.Layer;
import io.onebit.model.MaxPoolLayer;
import io.onebit.model.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last fold step: a fully folded {@link FoldGraph} (weights followed by a threshold or, last,
 * the fixed-point output; bit pools; flattens) packed into deploy-model layers. Weights are
 * packed in rows of 32-bit words, bit 1 = −1, padding 0: one row per output for dense layers,
 * one row of in_c bits per (filter, tap) for convolutions ([out][ky][kx][words(in_c)]).
 */
final class ToDeployModel {
  private ToDeployModel() {}

  static DeployModel pack(FoldGraph graph, String name, Map<String, Object> info) {
    List<Layer> layers = new ArrayList<>();
    List<FoldOp> ops = graph.ops();
    for (int i = 0; i < ops.size(); i++) {
      FoldOp op = ops.get(i);
      if (op instanceof FoldOp.Weights w) {
        FoldOp next = i + 1 < ops.size() ? ops.get(++i) : null;
        layers.add(weights(w, next));
      } else if (op instanceof FoldOp.Pool p) {
        layers.add(pool(p));
      } else if (op instanceof FoldOp.Flatten f) {
        TensorShape s = f.inputShape();
        layers.add(new FlattenLayer(s.height(), s.width(), s.channels()));
      } else {
        throw new IllegalStateException("fold: " + op.getClass().getSimpleName() + " left unfolded at op " + i);
      }
    }
    return DeployModel.of(name, graph.input(), layers, info);
  }

  private static Layer weights(FoldOp.Weights w, FoldOp next) {
    if (next instanceof FoldOp.FixedPoint f) {
      return new DenseOutputLayer(w.fanIn(), w.outputs(), packRows(w.negative(), w.fanIn(), w.outputs()), f.scale(),
          f.offset(), f.fractionBits());
    }
    if (!(next instanceof FoldOp.Threshold t)) {
      throw new IllegalStateException("fold: weights not followed by a threshold or the output map");
    }
    if (w.kind() == FoldOp.Kind.DENSE) {
      return new DenseSignLayer(w.fanIn(), w.outputs(), packRows(w.negative(), w.fanIn(), w.outputs()),
          t.thresholds());
    }
    ConvGeometry g = w.geometry();
    int inC = w.inputShape().channels();
    int taps = g.kernelHeight() * g.kernelWidth();
    int[] filters = packRows(w.negative(), inC, w.outputs() * taps);
    return w.kind() == FoldOp.Kind.BITPLANE_CONV
        ? new BitplaneConvSignLayer(g.inHeight(), g.inWidth(), inC, w.outputs(), g.kernelHeight(), g.kernelWidth(),
            g.stride(), g.padding(), filters, t.thresholds())
        : new ConvSignLayer(g.inHeight(), g.inWidth(), inC, w.outputs(), g.kernelHeight(), g.kernelWidth(), g.stride(),
            g.padding(), filters, t.thresholds());
  }

  private static MaxPoolLayer pool(FoldOp.Pool p) {
    ConvGeometry g = p.geometry();
    int channels = p.inputShape().channels();
    int[] or = new int[BitPacking.words(channels)];
    for (int c = 0; c < channels; c++) {
      BitPacking.setBit(or, 0, c, p.min()[c] ? 1 : 0);
    }
    return new MaxPoolLayer(g.inHeight(), g.inWidth(), channels, g.kernelHeight(), g.kernelWidth(), g.stride(), or);
  }

  /** {@code rows} rows of {@code length} bits each, packed in words(length) words (bit 1 = −1, padding 0). */
  static int[] packRows(boolean[] negative, int length, int rows) {
    int rowWords = BitPacking.words(length);
    int[] packed = new int[rowWords * rows];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < length; i++) {
        if (negative[r * length + i]) {
          packed[r * rowWords + (i >>> 5)] |= 1 << (i & 31);
        }
      }
    }
    return packed;
  }
}
