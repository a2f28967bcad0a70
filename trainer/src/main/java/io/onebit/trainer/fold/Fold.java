package io.onebit.trainer.fold;

import io.onebit.model.DeployModel;
import io.onebit.trainer.net.Network;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained {@link Network} into a deploy model, as a chain of small named steps over a
 * {@link FoldGraph} (each checked in the tests by running the graph before and after):
 *
 * <ol>
 *   <li>{@link FromNetwork}: the inference network (sign(W), BatchNorm as an affine map, signs);
 *   <li>{@link MovePoolPastSign}: pools before BatchNorm become AND/OR pools of bits;
 *   <li>{@link AbsorbSignIntoThreshold}: BatchNorm + sign become integer thresholds, filters
 *       negated where the scale is negative;
 *   <li>{@link OutputToFixedPoint}: the output BatchNorm becomes an int32 fixed-point map;
 *   <li>{@link ToDeployModel}: pack the bits.
 * </ol>
 *
 * After fold there is no float. Every architecture (dense or convolutional) and every training
 * method goes through the same steps.
 */
public final class Fold {
  /** The rewriting steps between {@link FromNetwork} and {@link ToDeployModel}, in order. */
  static final List<FoldStep> STEPS = List.of(new MovePoolPastSign(), new AbsorbSignIntoThreshold(),
      new OutputToFixedPoint());

  private Fold() {}

  public static DeployModel toDeployModel(Network network, String name, Map<String, Object> info) {
    FoldGraph graph = FromNetwork.of(network);
    for (FoldStep step : STEPS) {
      graph = step.apply(graph);
    }
    return ToDeployModel.pack(graph, name, info);
  }
}
