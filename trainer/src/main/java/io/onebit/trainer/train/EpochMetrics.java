package io.onebit.trainer.train;

/**
 * What one epoch achieved. Test accuracy is that of the inference network (BatchNorm population
 * statistics recomputed for the epoch's final weights), i.e. of the network fold would deploy.
 */
public record EpochMetrics(int epoch, double loss, double trainAccuracy, double testAccuracy, double learningRate,
    double seconds) {}
