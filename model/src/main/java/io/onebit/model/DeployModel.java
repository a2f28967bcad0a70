package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The deploy model: the one contract between fold, golden model and codegen. Integer-only.
 *
 * @param format always {@link #FORMAT}
 * @param version format version, {@link #VERSION}
 * @param name a C-friendly model name
 * @param input the raw sample type and shape, and how raw integers become the first layer's bits
 * @param layers hidden {@link DenseSignLayer}s followed by one {@link DenseOutputLayer}
 * @param classNames one name per class, in score order (folder names, a label column's values), or
 *     null: the classes are then called by their index
 * @param info free-form provenance (architecture, dataset, float accuracy, training settings)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployModel(
    String format, int version, String name, InputSpec input, List<Layer> layers, List<String> classNames,
    Map<String, Object> info) {
  public static final String FORMAT = "onebit-deploy";
  public static final int VERSION = 1;

  /** Longest class name, in characters. */
  public static final int MAX_CLASS_NAME = 64;

  public static DeployModel of(String name, InputSpec input, List<Layer> layers, Map<String, Object> info) {
    return of(name, input, layers, null, info);
  }

  public static DeployModel of(String name, InputSpec input, List<Layer> layers, List<String> classNames,
      Map<String, Object> info) {
    DeployModel model = new DeployModel(FORMAT, VERSION, name, input, List.copyOf(layers),
        classNames == null ? null : List.copyOf(classNames), info);
    model.validate();
    return model;
  }

  /** This model with another input spec and class names (e.g. the fitted input map of the data). */
  public DeployModel with(InputSpec newInput, List<String> newClassNames) {
    return of(name, newInput, layers, newClassNames, info);
  }

  /** The name of class {@code i}: its entry in {@link #classNames}, else its index. */
  public String className(int i) {
    return classNames != null ? classNames.get(i) : Integer.toString(i);
  }

  /** Number of classes (outputs of the last layer). */
  public int classes() {
    return layers.get(layers.size() - 1).outputShape().elements();
  }

  /** Total number of binary weights. */
  public long binaryParameters() {
    return layers.stream().mapToLong(Layer::binaryParameters).sum();
  }

  /** Checks every invariant the golden model and the C rely on. */
  public void validate() {
    if (!FORMAT.equals(format)) {
      throw new ModelFormatException("not a onebit deploy model (format is '" + format + "', expected '" + FORMAT + "')");
    }
    if (version != VERSION) {
      throw new ModelFormatException("unsupported deploy-model version " + version + " (this build reads " + VERSION + ")");
    }
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ModelFormatException("model name must be a C identifier, got '" + name + "'");
    }
    if (input == null) {
      throw new ModelFormatException("missing input specification");
    }
    input.validate();
    if (layers == null || layers.isEmpty()) {
      throw new ModelFormatException("model has no layers");
    }
    TensorShape expected = input.shape();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      String where = "layer " + i;
      if (layer == null) {
        throw new ModelFormatException(where + " is empty");
      }
      boolean last = i == layers.size() - 1;
      if (last != (layer instanceof DenseOutputLayer)) {
        throw new ModelFormatException(where + ": the last layer, and only it, must be dense_output");
      }
      boolean bitplaneLayer = layer instanceof BitplaneConvSignLayer;
      if (bitplaneLayer != (i == 0 && input.isBitplanes())) {
        throw new ModelFormatException(where + (bitplaneLayer
            ? ": bitplane_conv_sign must be the first layer of a model with 'bitplanes' input"
            : ": a model with 'bitplanes' input must start with bitplane_conv_sign"));
      }
      layer.validate(where);
      // A dense layer reads a vector; the thresholded input is packed flat when a dense layer reads
      // it, but an HWC tensor from a convolution or pooling needs an explicit flatten first.
      boolean readsVector = layer instanceof DenseSignLayer || layer instanceof DenseOutputLayer;
      boolean matches = readsVector && i == 0
          ? layer.inputShape().elements() == expected.elements()
          : layer.inputShape().equals(expected) || (readsVector && expected.isVector()
              && layer.inputShape().elements() == expected.elements());
      if (!matches) {
        throw new ModelFormatException(where + ": expects a " + layer.inputShape() + " input but receives "
            + expected + (readsVector && !expected.isVector() ? " (insert a flatten layer)" : ""));
      }
      expected = layer.outputShape();
    }
    validateClassNames();
  }

  private void validateClassNames() {
    if (classNames == null) {
      return;
    }
    int classes = classes();
    if (classNames.size() != classes) {
      throw new ModelFormatException("class_names has " + classNames.size() + " names for " + classes + " classes");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < classes; i++) {
      String n = classNames.get(i);
      if (n == null || n.isBlank() || n.length() > MAX_CLASS_NAME || n.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw new ModelFormatException("class name " + i + " must be 1 to " + MAX_CLASS_NAME
            + " printable characters, got " + (n == null ? "null" : "'" + n + "'"));
      }
      if (!seen.add(n)) {
        throw new ModelFormatException("class name '" + n + "' appears twice");
      }
    }
  }
}
