package io.onebit.trainer.method.rl;

import java.util.Arrays;
import java.util.List;

/**
 * Who the agents of the multi-agent view are ({@code --policy}): the joint policy is always the
 * product of per-weight Bernoulli policies ({@link BernoulliPolicy}); the agents partition the
 * weights, and with {@link Baseline#COUNTERFACTUAL} each agent is credited with its own
 * difference reward (Wolpert and Tumer 2002; the counterfactual baseline of COMA, Foerster et al.
 * 2018) instead of the network's one scalar reward:
 *
 * <pre>
 *   independent:  every weight an agent:        ĝ_i = p_i(1 − p_i)·(R(w | w_i = +1) − R(w | w_i = −1))
 *   per-neuron:   every neuron's row an agent:  ĝ_ji = (R(w) − R(w | row j = mode)) · ([w_ji = +1] − p_ji)
 *   per-layer:    every layer an agent:         ĝ_i = (R(w) − R(w | layer = mode)) · ([w_i = +1] − p_i)
 * </pre>
 *
 * and with {@code units} the hidden units are agents too, Williams' (1992) Bernoulli-logistic units of
 * temperature τ on normalised margins u_bj = (z_bj − μ_j)/σ_j, each credited with its exact
 * counterfactual c_bj = R_b(a_bj = +1) − R_b(a_bj = −1) (its output flipped, every other unit
 * held, from the incremental evaluator), and a weight's logit follows its unit:
 *
 * <pre>
 *   units:        ĝ_ji = p_ji(1 − p_ji) · (1/B) Σ_b c_bj · σ'(u_bj/τ)/τ · 2(x_bi − x̄_i)/σ_j    (hidden layers)
 *                 output layer as independent
 * </pre>
 *
 * the unit's local expectation Rao-Blackwellised over its own action, to first order in the
 * weight's change of its firing probability; the deployed network is the units' mode
 * (deterministic sign). Its window σ'(u/τ) reaches samples a single flip cannot move across the
 * threshold, which the exact weight agents never see.
 *
 * <p>The weight agent's estimator is REINFORCE with the counterfactual R(w | w_i = mode) as its
 * baseline, summed exactly over the agent's two actions (a local-expectation gradient, Titsias
 * and Lázaro-Gredilla 2015): both values come from one incremental evaluation of the flip.
 * Every form is unbiased for ∇_θ E_π[R]; each removes the other agents' noise from an agent's
 * credit at its own granularity.
 */
enum Agents {
  INDEPENDENT("independent"), PER_NEURON("per-neuron"), PER_LAYER("per-layer"), UNITS("units");

  final String cliName;

  Agents(String cliName) {
    this.cliName = cliName;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(a -> a.cliName).toList();
  }

  static Agents named(String name) {
    return Arrays.stream(values()).filter(a -> a.cliName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + name + "'"));
  }
}
