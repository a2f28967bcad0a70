package io.onebit.trainer.fold;

import java.util.ArrayList;
import java.util.List;

/**
 * Fold step [weights, BatchNorm] at the end → [weights, fixed point]: the output BatchNorm's
 * score_j = s_j·z_j + (β_j − s_j·μ_j) becomes the int32 map A_j·z_j + B_j
 * ({@link FixedPointAffine}: A, B rounded at the largest F that cannot overflow). Rounding may
 * reorder scores closer than 2^−F; everything else is exact.
 */
final class OutputToFixedPoint implements FoldStep {
  @Override
  public String name() {
    return "fold the output BatchNorm into a fixed-point affine map";
  }

  @Override
  public FoldGraph apply(FoldGraph graph) {
    List<FoldOp> ops = new ArrayList<>(graph.ops());
    int last = ops.size() - 1;
    if (last < 1 || !(ops.get(last) instanceof FoldOp.Affine bn) || !(ops.get(last - 1) instanceof FoldOp.Weights w)) {
      throw new IllegalStateException("fold: the network must end with dense weights and BatchNorm");
    }
    double[] offset = new double[bn.scale().length];
    for (int j = 0; j < offset.length; j++) {
      offset[j] = bn.beta()[j] - bn.scale()[j] * bn.mean()[j];
    }
    FixedPointAffine affine = FixedPointAffine.of(w.fanIn(), bn.scale(), offset);
    ops.set(last, new FoldOp.FixedPoint(bn.inputShape(), affine.scale(), affine.offset(), affine.fractionBits()));
    return new FoldGraph(graph.input(), ops);
  }
}
