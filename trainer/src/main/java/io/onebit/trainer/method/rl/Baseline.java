package io.onebit.trainer.method.rl;

import java.util.Arrays;
import java.util.List;

/**
 * What REINFORCE compares a reward with ({@code --baseline}); any baseline that does not depend
 * on the agent's own action keeps the estimator unbiased and lowers its variance (Williams 1992):
 *
 * <pre>
 *   none:            ĝ = R(w)·∇log π(w)
 *   moving-average:  ĝ = (R(w) − b)·∇log π(w),   b ← λ·b + (1 − λ)·mean of the generation's R   (λ: --baseline-decay)
 *   batch-mean:      ĝ = (R(w) − b)·∇log π(w),   b = mean R of the other population members (leave-one-out,
 *                    Kool et al. 2019; with antithetic pairs, of the other pairs, which are independent of w)
 *   counterfactual:  each agent's own difference reward ({@link Agents})
 * </pre>
 *
 * The first three give every agent the same scalar reward: the plain REINFORCE of the published
 * binary-network experiments, whatever {@code --policy} says.
 */
enum Baseline {
  NONE("none"), MOVING_AVERAGE("moving-average"), BATCH_MEAN("batch-mean"), COUNTERFACTUAL("counterfactual");

  final String cliName;

  Baseline(String cliName) {
    this.cliName = cliName;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(b -> b.cliName).toList();
  }

  static Baseline named(String name) {
    return Arrays.stream(values()).filter(b -> b.cliName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown baseline '" + name + "'"));
  }
}
