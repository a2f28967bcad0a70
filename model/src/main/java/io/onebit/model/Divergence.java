package io.onebit.model;

/**
 * The first element where a device's tensors depart from the golden model's ({@link
 * LayerTrace#firstDivergence}).
 *
 * @param layer the layer whose output differs; -1 for the encoded input
 * @param type the layer's type ({@code input} for the encoding)
 * @param shape the tensor's shape (HWC)
 * @param element the first differing element, HWC order: (y * width + x) * channels + c
 * @param expected the golden model's value: ±1 for a bit, the int32 score for the output layer
 * @param actual the device's value
 * @param differing how many elements of the tensor differ
 * @param elements the tensor's elements
 */
public record Divergence(int layer, String type, TensorShape shape, int element, int expected, int actual,
    long differing, long elements) {

  /** Row of the element. */
  public int y() {
    return element / shape.channels() / shape.width();
  }

  /** Column of the element. */
  public int x() {
    return element / shape.channels() % shape.width();
  }

  /** Channel of the element. */
  public int channel() {
    return element % shape.channels();
  }

  /** "layer 3 (conv_sign 14x14x32)" or "the input encoding (28x28x1)". */
  static String where(DeployModel model, int layer) {
    return layer < 0 ? "the input encoding" : "layer " + layer + " (" + model.layers().get(layer).typeName() + ")";
  }

  /** One line: where, the element with its coordinates, both values, and how many differ. */
  public String describe() {
    String at = layer < 0 ? "the input encoding " : "layer " + layer + " (" + type + ") output ";
    String coordinates = shape.isVector() ? "" : " (y " + y() + ", x " + x() + ", c " + channel() + ")";
    String values = "output".equals(kind())
        ? "golden score " + expected + ", device " + actual
        : "golden " + sign(expected) + ", device " + sign(actual);
    return "first difference at " + at + shape + ", element " + element + coordinates + ": " + values
        + "; " + differing + " of " + elements + " elements differ";
  }

  private String kind() {
    return "dense_output".equals(type) ? "output" : "bits";
  }

  private static String sign(int v) {
    return v > 0 ? "+1" : "-1";
  }
}
