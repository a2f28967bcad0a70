package io.onebit.trainer.distill;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.loss.ClassLoss;

/**
 * Distillation inside a training loop: the loss the network trains on, the buffer the batch
 * gatherer writes each image's shift into, and {@link #prepare} which puts the teacher's logits
 * for the batch in place before the step. Without a teacher it is inert: plain cross-entropy, no
 * shift buffer, nothing to prepare.
 */
public final class Distiller {
  private final Teacher teacher;
  private final DistillationLoss loss;
  private final long[] shifts;

  private Distiller(Teacher teacher, DistillationLoss loss, long[] shifts) {
    this.teacher = teacher;
    this.loss = loss;
    this.shifts = shifts;
  }

  /** A distiller for these settings; an inert one when {@code settings} is null. */
  public static Distiller of(Distillation settings, Dataset train, int maxShift, int batchSize) {
    if (settings == null) {
      return new Distiller(null, null, null);
    }
    return new Distiller(new Teacher(settings.teacher(), train, maxShift),
        new DistillationLoss(settings.weight(), settings.temperature()), new long[batchSize]);
  }

  /** The loss to train on: the distillation loss, or plain cross-entropy without a teacher. */
  public ClassLoss loss() {
    return loss != null ? loss : ClassLoss.CROSS_ENTROPY;
  }

  /** Where the gatherer records the batch's shifts (left at 0 without augmentation; null without a teacher). */
  public long[] shifts() {
    return shifts;
  }

  /** The teacher's logits for samples order[from .. from+n) with the recorded shifts. */
  public void prepare(int[] order, int from, int n) {
    if (teacher == null) {
      return;
    }
    teacher.logits(order, from, n, shifts, loss.teacherLogits(n * teacher.classes()));
  }
}
