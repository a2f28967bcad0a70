package io.onebit.trainer.method.rl;

import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.quant.PlainSign;
import io.onebit.trainer.quant.Quantizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rl, es and local search share: one stage over all epochs whose step is made for the run, the
 * plain sign (no backward pass exists to need a straight-through estimator), the gradient-free run
 * checks, and the step's own per-epoch figures.
 */
abstract class GradientFreeMethod implements TrainingMethod {
  private final String name;
  private final String stageName;
  private GradientFreeStep current;

  GradientFreeMethod(String name, String stageName) {
    this.name = name;
    this.stageName = stageName;
  }

  /** The step of a run (it keeps the method's state: policy, population or network). */
  abstract GradientFreeStep newStep(MethodContext context);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Quantizer activationQuantizer() {
    return new PlainSign();
  }

  @Override
  public final List<Stage> stages(int epochs) {
    return List.of(new Stage() {
      @Override
      public String name() {
        return stageName;
      }

      @Override
      public int epochs() {
        return epochs;
      }

      @Override
      public BatchStep begin(MethodContext context) {
        current = newStep(context);
        return current;
      }
    });
  }

  @Override
  public final void checkRun(Architecture architecture, boolean teacher) {
    GradientFreeSettings.checkRun(name, architecture, teacher);
  }

  @Override
  public final Map<String, Double> epochMetrics(MethodContext context) {
    return current == null ? Map.of() : new LinkedHashMap<>(current.epochMetrics());
  }
}
