package io.onebit.trainer.loss;

/**
 * The training loss on a batch of class scores: returns the summed loss, writes ∂L/∂scores
 * (already divided by the batch size) into {@code grad} and adds the number of argmax hits to
 * {@code correct[0]}. {@link SoftmaxCrossEntropy} is the default; distillation swaps in another.
 */
@FunctionalInterface
public interface ClassLoss {
  ClassLoss CROSS_ENTROPY = SoftmaxCrossEntropy::lossAndGradient;

  double lossAndGradient(float[] scores, int batch, int classes, byte[] labels, int[] labelIndex, float[] grad,
      int[] correct);
}
