package io.onebit.trainer.loss;

/**
 * Softmax cross-entropy on class scores: L = −log softmax(s)[label], averaged over the batch;
 * ∂L/∂s = (softmax(s) − onehot(label)) / B.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /** Writes ∂L/∂s into {@code grad} and returns the summed loss and the number of correct argmaxes. */
  public static double lossAndGradient(float[] scores, int batch, int classes, byte[] labels, int[] labelIndex,
      float[] grad, int[] correct) {
    double loss = 0;
    int right = 0;
    for (int b = 0; b < batch; b++) {
      int row = b * classes;
      int label = labels[labelIndex[b]];
      float max = scores[row];
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (scores[row + c] > max) {
          max = scores[row + c];
          best = c;
        }
      }
      if (best == label) {
        right++;
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(scores[row + c] - max);
      }
      loss += Math.log(sum) - (scores[row + label] - max);
      for (int c = 0; c < classes; c++) {
        double p = Math.exp(scores[row + c] - max) / sum;
        grad[row + c] = (float) ((p - (c == label ? 1 : 0)) / batch);
      }
    }
    correct[0] += right;
    return loss;
  }
}
