package io.onebit.trainer.net;

/** One method per {@link Layer} kind: a new kind breaks every visitor at compile time until handled. */
public interface LayerVisitor<R> {
  R dense(Dense layer);

  R conv(Conv2d layer);

  R maxPool(MaxPool2d layer);

  R batchNorm(BatchNorm layer);

  R sign(Sign layer);

  R flatten(Flatten layer);
}
