package io.onebit.trainer.cnn;

import io.onebit.model.TensorShape;
import io.onebit.trainer.nn.BatchNorm;
import io.onebit.trainer.optim.Param;
import java.util.List;
import java.util.Random;

/**
 * BatchNorm per channel over every (sample, y, x) position: in the HWC layout a batch of N
 * tensors H×W×C is N·H·W rows of C values, which is exactly {@link BatchNorm}'s batch × channels
 * layout, so its forward and backward formulas apply with batch = N·H·W.
 */
public final class ChannelBatchNorm extends SameShapeLayer {
  public final BatchNorm norm;
  private float[] out = new float[0];

  ChannelBatchNorm(String name, TensorShape shape, boolean shiftBased) {
    super(shape);
    this.norm = new BatchNorm(name, shape.channels(), shiftBased);
  }

  @Override
  public List<Param> params() {
    return List.of(norm.gamma(), norm.beta());
  }

  private int rows(int batch) {
    return batch * shape.height() * shape.width();
  }

  @Override
  public float[] forward(float[] in, int batch, boolean training, Random random) {
    out = BinaryConv2d.grow(out, batch * shape.elements());
    if (training) {
      norm.forwardTrain(in, rows(batch), out);
    } else {
      norm.forwardEval(in, rows(batch), out);
    }
    return out;
  }

  @Override
  public float[] backward(float[] dOut, int batch, boolean needInput) {
    norm.backward(dOut, rows(batch), dOut);
    return dOut;
  }
}
