package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.state.Stateful;
import java.util.Map;

/** The batch step of a gradient-free method: checkpointed with the run, with figures of its own per epoch. */
interface GradientFreeStep extends BatchStep, Stateful {
  /** The method's figures for the epoch just ended (reward, flips, ...), by name. */
  Map<String, Double> epochMetrics();
}
