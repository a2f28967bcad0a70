package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.Random;

/**
 * Shapes for codegen's own tests (the trainer's archs/ files are the source for everything else). {@code cnn-ref} (issue 6): an 8-bit 28x28
 * input through a bitplane 3x3 conv 1->16, 3x3 convs 16->32, 32->64, 64->64 ('same'), two 2x2 max-pools,
 * flatten and a 3136->10 output layer; int8 CMSIS-NN takes 28.7 M instructions for it on a Cortex-M4.
 */
final class ReferenceShapes {
  public static final String CNN_REF_SPEC =
      "conv16k3x3s1same,conv32k3x3s1same,pool2s2,conv64k3x3s1same,conv64k3x3s1same,pool2s2,flatten,out10";
  public static final InputSpec CNN_REF_INPUT = InputSpec.bitplanes(28, 28, 1);

  private ReferenceShapes() {}

  /** A random model of the cnn-ref shape (instruction counts depend on the shape and the activations' density). */
  public static DeployModel cnnRef(long seed) {
    return RandomModels.fromSpec("cnn_ref", CNN_REF_INPUT, CNN_REF_SPEC, new Random(seed));
  }
}
