package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code model.c.vm} passes to {@code ONEBIT_LAYER_TRACE} (only compiled with
 * {@code -DONEBIT_TRACE_LAYERS}, see firmware/common/layer_trace.h): for the encoded input and
 * for each layer, the C expression of the tensor it wrote and its length in words. Hidden layers
 * write packed words into the arena at the plan's output offset; the output layer writes the
 * int32 scores.
 *
 * @param input the encoded input (0 words when the first layer reads the raw bytes)
 * @param outputs per layer, its output tensor
 */
public record TraceView(Tensor input, List<Tensor> outputs) {
  /** A tensor as C sees it: {@code data} is a {@code const uint32_t *} expression. */
  public record Tensor(String data, int words) {}

  static TraceView of(DeployModel model, ModelView view) {
    ActivationPlan plan = ActivationPlan.of(ModelView.tensors(model));
    List<Layer> layers = model.layers();
    List<Tensor> outputs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      boolean last = i == layers.size() - 1;
      outputs.add(last
          ? new Tensor("(const uint32_t *)(const void *)scores", view.classes())
          : new Tensor(arena(view, plan.outputOffsets().get(i)), layers.get(i).outputShape().words()));
    }
    return new TraceView(new Tensor(arena(view, 0), view.inputWords()), List.copyOf(outputs));
  }

  private static String arena(ModelView view, int offset) {
    return offset == 0 ? view.arenaName() : view.arenaName() + " + " + offset;
  }
}
