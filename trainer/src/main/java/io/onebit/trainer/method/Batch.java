package io.onebit.trainer.method;

import io.onebit.trainer.net.Activations;

/**
 * One training batch as the trainer gathered it: the encoded (possibly shifted) inputs, their
 * labels, and a counter the step adds its correct argmaxes to. Reused from batch to batch.
 */
public final class Batch {
  private final Activations input;
  private final byte[] labels;
  private final int[] labelIndex;
  private final int[] correct = new int[1];

  /**
   * @param labels the whole training set's labels
   * @param capacity the batch size
   */
  public Batch(Activations input, byte[] labels, int capacity) {
    this.input = input;
    this.labels = labels;
    this.labelIndex = new int[capacity];
  }

  public Activations input() {
    return input;
  }

  public int size() {
    return input.batch();
  }

  /** All labels of the training set; row b's label is {@code labels()[labelIndex()[b]]}. */
  public byte[] labels() {
    return labels;
  }

  public int[] labelIndex() {
    return labelIndex;
  }

  public int label(int b) {
    return labels[labelIndex[b]] & 0xff;
  }

  /** {@code correct()[0]} counts correct argmaxes (a step adds to it). */
  public int[] correct() {
    return correct;
  }
}
