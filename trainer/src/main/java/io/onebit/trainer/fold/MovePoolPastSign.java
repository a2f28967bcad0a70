package io.onebit.trainer.fold;

import java.util.ArrayList;
import java.util.List;

/**
 * Fold step [max-pool, BatchNorm, sign] → [BatchNorm, sign, pool on bits]. Training pools the
 * convolution's outputs before BatchNorm; BatchNorm and sign are monotone per channel, so
 * sign(BN(max z)) is the max of the signs where BN's scale s is positive and their min where it is
 * negative (s = 0: a constant, any order). The deploy model pools bits: AND for max, OR for min.
 */
final class MovePoolPastSign implements FoldStep {
  @Override
  public String name() {
    return "move max-pool past BatchNorm and sign";
  }

  @Override
  public FoldGraph apply(FoldGraph graph) {
    List<FoldOp> ops = new ArrayList<>(graph.ops());
    boolean moved = true;
    while (moved) {
      moved = false;
      for (int i = 0; i + 2 < ops.size(); i++) {
        if (ops.get(i) instanceof FoldOp.Pool pool && ops.get(i + 1) instanceof FoldOp.Affine bn
            && ops.get(i + 2) instanceof FoldOp.Sign) {
          boolean[] min = new boolean[bn.scale().length];
          for (int c = 0; c < min.length; c++) {
            min[c] = bn.scale()[c] < 0;
          }
          ops.set(i, new FoldOp.Affine(pool.inputShape(), bn.scale(), bn.mean(), bn.beta()));
          ops.set(i + 1, new FoldOp.Sign(pool.inputShape()));
          ops.set(i + 2, new FoldOp.Pool(pool.inputShape(), pool.geometry(), min));
          moved = true;
        }
      }
    }
    return new FoldGraph(graph.input(), ops);
  }
}
