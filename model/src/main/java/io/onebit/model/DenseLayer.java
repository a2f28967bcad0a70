package io.onebit.model;

/** What the two dense layers share: a vector of K inputs, one packed weight row per output. */
public sealed interface DenseLayer extends Layer permits DenseSignLayer, DenseOutputLayer {
  int inputs();

  int outputs();

  int[] weights();

  @Override
  default TensorShape inputShape() {
    return TensorShape.vector(inputs());
  }

  @Override
  default TensorShape outputShape() {
    return TensorShape.vector(outputs());
  }

  @Override
  default long binaryParameters() {
    return (long) inputs() * outputs();
  }

  @Override
  default long binaryMacs() {
    return (long) inputs() * outputs();
  }

  /** outputs * ceil(inputs / 32). */
  @Override
  default long xorWords() {
    return (long) outputs() * rowWords();
  }

  /** Words per packed weight row. */
  default int rowWords() {
    return BitPacking.words(inputs());
  }
}
