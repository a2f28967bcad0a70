package io.onebit.trainer.fold;

import io.onebit.model.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The network as fold sees it: the input spec and a list of {@link FoldOp}s, rewritten by the
 * {@link FoldStep}s from the trained network (BatchNorm and sign as real ops) down to integer
 * thresholds and a fixed-point output, then packed into the deploy model. {@link #run} executes
 * any stage of it on a raw sample, which is how every step is checked.
 */
record FoldGraph(InputSpec input, List<FoldOp> ops) {
  FoldGraph {
    ops = List.copyOf(ops);
  }

  /** The first layer's input: ±1 for a thresholded input, the raw bytes for bit-planes. */
  double[] encode(byte[] sample) {
    double[] x = new double[sample.length];
    for (int i = 0; i < sample.length; i++) {
      int v = sample[i] & 0xff;
      x[i] = input.isBitplanes() ? v : v >= input.threshold() ? 1 : -1;
    }
    return x;
  }

  /** The output of every op for one sample, in order (the last one is the class scores). */
  List<double[]> trace(byte[] sample) {
    List<double[]> out = new ArrayList<>();
    double[] x = encode(sample);
    for (FoldOp op : ops) {
      x = op.apply(x);
      out.add(x);
    }
    return out;
  }

  /** The class scores for one sample. */
  double[] run(byte[] sample) {
    List<double[]> t = trace(sample);
    return t.get(t.size() - 1);
  }
}
