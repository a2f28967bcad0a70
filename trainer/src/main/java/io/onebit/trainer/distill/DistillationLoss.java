package io.onebit.trainer.distill;

import io.onebit.trainer.loss.ClassLoss;
import io.onebit.trainer.loss.SoftmaxCrossEntropy;

/**
 * Cross-entropy on the labels mixed with the distillation term on the teacher's logits t:
 *
 * <pre>
 *   p   = softmax(s),  p_T = softmax(s / T),  q_T = softmax(t / T)
 *   L   = (1 − α) · CE(p, y)  +  α · T² · KL(q_T ‖ p_T)
 *   ∂L/∂s = [(1 − α) · (p − onehot(y))  +  α · T · (p_T − q_T)] / B
 * </pre>
 *
 * The T² factor keeps the soft term's gradient on the scale of the hard one as T grows (its
 * gradient carries 1/T); with α = 0 this is {@link io.onebit.trainer.loss.SoftmaxCrossEntropy}
 * exactly. The teacher's logits for the current batch are set before each step with
 * {@link #teacherLogits()}.
 */
public final class DistillationLoss implements ClassLoss {
  private final float weight;
  private final float temperature;
  private float[] teacherLogits = new float[0];

  public DistillationLoss(float weight, float temperature) {
    this.weight = weight;
    this.temperature = temperature;
  }

  /** The buffer (batch × classes) the caller fills with the teacher's logits before each step. */
  public float[] teacherLogits(int size) {
    if (teacherLogits.length < size) {
      teacherLogits = new float[size];
    }
    return teacherLogits;
  }

  /** The current buffer. */
  public float[] teacherLogits() {
    return teacherLogits;
  }

  @Override
  public double lossAndGradient(float[] scores, int batch, int classes, byte[] labels, int[] labelIndex, float[] grad,
      int[] correct) {
    // The hard term and (p − onehot(y)) / B come from the plain loss itself, so α = 0 is it bit for bit.
    double hard = SoftmaxCrossEntropy.lossAndGradient(scores, batch, classes, labels, labelIndex, grad, correct);
    double[] pT = new double[classes];
    double[] qT = new double[classes];
    double soft = 0;
    for (int b = 0; b < batch; b++) {
      int row = b * classes;
      double logSumT = softmax(scores, row, classes, temperature, pT);
      double logSumTeacher = softmax(teacherLogits, row, classes, temperature, qT);
      for (int c = 0; c < classes; c++) {
        if (qT[c] > 0) {
          // q_T · (log q_T − log p_T), each log from its own log-sum-exp
          soft += qT[c] * ((teacherLogits[row + c] / temperature - logSumTeacher)
              - (scores[row + c] / temperature - logSumT));
        }
        grad[row + c] = (float) ((1 - weight) * grad[row + c] + weight * temperature * (pT[c] - qT[c]) / batch);
      }
    }
    return (1 - weight) * hard + weight * temperature * temperature * soft;
  }

  /** softmax(x / t) of one row into {@code out}; returns log Σ exp(x / t). */
  static double softmax(float[] x, int row, int classes, float t, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, x[row + c] / t);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      out[c] = Math.exp(x[row + c] / t - max);
      sum += out[c];
    }
    for (int c = 0; c < classes; c++) {
      out[c] /= sum;
    }
    return max + Math.log(sum);
  }
}
