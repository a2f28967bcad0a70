package io.onebit.trainer.fold;

/**
 * One rewrite of a {@link FoldGraph} that keeps what the graph computes: the graph run before and
 * after gives the same hidden bits (and, for the output step, the same class up to rounding of
 * the fixed-point scores). Steps are small and pure, as FINN's streamlining transformations.
 */
interface FoldStep {
  /** A name for errors and test reports. */
  String name();

  FoldGraph apply(FoldGraph graph);
}
