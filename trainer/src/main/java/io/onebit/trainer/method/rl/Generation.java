package io.onebit.trainer.method.rl;

import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.rl.bitnet.BitEvaluator;
import io.onebit.trainer.method.rl.bitnet.BitNet;
import io.onebit.trainer.method.rl.bitnet.Centering;
import io.onebit.trainer.method.rl.bitnet.Pass;

/**
 * One batch as a generation of the gradient-free methods sees it: the packed input bits and the
 * labels, the reference network (the policy's mode, or the current network), its forward, and
 * the thresholds every candidate of the generation is evaluated with ({@link Centering}).
 */
final class Generation {
  final BitEvaluator evaluator;
  final BitNet reference;
  final Pass referencePass;
  final int[] labels;
  long[] input;
  int batch;
  Centering centering;

  Generation(BitEvaluator evaluator, BitNet shape, int capacity) {
    this.evaluator = evaluator;
    this.reference = shape.copy();
    this.referencePass = new Pass(shape, capacity);
    this.labels = new int[capacity];
  }

  /** Reads the batch and sets the thresholds from {@link #reference} (set it first). */
  void begin(Batch b) {
    batch = b.size();
    if (!b.input().binary()) {
      throw new IllegalStateException("the gradient-free methods need 1-bit input batches");
    }
    input = b.input().packed();
    for (int k = 0; k < batch; k++) {
      labels[k] = b.label(k);
    }
    centering = evaluator.center(reference, input, labels, batch, referencePass);
  }

  /** The reference network's mean reward on the batch. */
  double referenceReward() {
    return referencePass.rewardSum() / batch;
  }
}
