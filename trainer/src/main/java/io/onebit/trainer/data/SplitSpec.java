package io.onebit.trainer.data;

/** What one split (train or test) of a dataset holds: how many samples, and in which files. */
public record SplitSpec(int count, DatasetFile images, DatasetFile labels) {}
