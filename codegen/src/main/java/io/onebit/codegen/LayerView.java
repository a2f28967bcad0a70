package io.onebit.codegen;

import java.util.List;

/**
 * What the templates of one layer type see: names, sizes and C literals, all decided here.
 * Each layer type has two templates, {@code templates/layers/<kind>.data.vm} (its constant
 * arrays and buffers) and {@code <kind>.call.vm} (its kernel call inside the infer function).
 */
public sealed interface LayerView
    permits DenseSignView, DenseSignColumnsView, DenseOutputView, ConvSignView, BitplaneConvSignView, MaxPoolView,
        FlattenView {
  /** The deploy-model layer type, e.g. {@code dense_sign}; selects the layer's templates. */
  String kind();

  /** Position in the model, from 0. */
  int index();

  /** One line for the C comment above the layer. */
  String comment();

  /** The layer's main constant array (weights, or a pooling mask) where the view holds it as a {@link CArray}. */
  default CArray weightArray() {
    return null;
  }

  /** Name of the packed weight array (null for a layer without constants). */
  default String weightsName() {
    return weightArray() == null ? null : weightArray().name();
  }

  /** The packed weights as C initializer lines. */
  default List<String> weightLines() {
    return weightArray() == null ? List.of() : weightArray().lines();
  }

  /** Names of every weight array the layer declares (a kernel family uses some; the ELF keeps those). */
  default List<String> weightSymbols() {
    return weightsName() == null ? List.of() : List.of(weightsName());
  }

  /** Size of the packed weights in flash. */
  long weightBytes();

  /** Flash of all the layer's constants (weights, thresholds, masks, planes), as the larger kernel family needs. */
  long constantBytes();

  /** Words of scratch RAM beyond the activation arena (the kernel's lists or window); 0 for most layers. */
  default long scratchWords() {
    return 0;
  }

  /** Template rendering the layer's constants and buffers. */
  default String dataTemplate() {
    return TemplateRenderer.DIRECTORY + "layers/" + kind() + ".data.vm";
  }

  /** Template rendering the layer's kernel call. */
  default String callTemplate() {
    return TemplateRenderer.DIRECTORY + "layers/" + kind() + ".call.vm";
  }
}
