package io.onebit.trainer.fold;

import java.util.ArrayList;
import java.util.List;

/**
 * Fold step [weights, BatchNorm, sign] → [weights', threshold]: the BatchNorm and sign of each
 * channel become one integer threshold on the dot ({@link SignThreshold} for ±1 inputs,
 * {@link BitplaneThreshold} for the 8-bit first layer), and the channel's weights are negated
 * where BatchNorm's scale is negative (so the rule is always "+1 on the high side").
 */
final class AbsorbSignIntoThreshold implements FoldStep {
  @Override
  public String name() {
    return "absorb BatchNorm and sign into integer thresholds";
  }

  @Override
  public FoldGraph apply(FoldGraph graph) {
    List<FoldOp> ops = new ArrayList<>(graph.ops());
    for (int i = 0; i + 2 < ops.size(); i++) {
      if (ops.get(i) instanceof FoldOp.Weights w && ops.get(i + 1) instanceof FoldOp.Affine bn
          && ops.get(i + 2) instanceof FoldOp.Sign) {
        boolean[] negative = w.negative().clone();
        int[] thresholds = new int[w.outputs()];
        boolean onDot = w.kind() == FoldOp.Kind.BITPLANE_CONV;
        for (int o = 0; o < thresholds.length; o++) {
          boolean flip;
          if (onDot) {
            BitplaneThreshold t = BitplaneThreshold.of(255 * w.fanIn(), bn.scale()[o], bn.mean()[o], bn.beta()[o]);
            thresholds[o] = t.threshold();
            flip = t.flipFilter();
          } else {
            SignThreshold t = SignThreshold.of(w.fanIn(), bn.scale()[o], bn.mean()[o], bn.beta()[o]);
            thresholds[o] = t.threshold();
            flip = t.flipRow();
          }
          if (flip) {
            for (int k = 0; k < w.fanIn(); k++) {
              negative[o * w.fanIn() + k] ^= true;
            }
          }
        }
        ops.set(i, new FoldOp.Weights(w.kind(), w.inputShape(), w.outputShape(), w.geometry(), w.fanIn(), negative));
        ops.set(i + 1, new FoldOp.Threshold(w.outputShape(), w.fanIn(), onDot, thresholds));
        ops.remove(i + 2);
      }
    }
    return new FoldGraph(graph.input(), ops);
  }
}
