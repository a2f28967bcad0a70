package io.onebit.codegen;

import java.util.Locale;

/**
 * One layer's memory as planned at codegen time: flash for its constants, RAM for the activation
 * tensors it holds while it runs (input + output words in the shared arena; 0 for an identity flatten)
 * and for its kernel's scratch (lists, window), which the model shares between layers of a kind.
 */
public record LayerMemory(int index, String kind, String shape, long flashBytes, long activationBytes, long scratchBytes) {
  /** One line for reports and the model.c plan comment. */
  public String describe() {
    return String.format(Locale.ROOT, "layer %d %-18s %-22s flash %,9d B   RAM %,8d B activations + %,7d B scratch", index,
        kind, shape, flashBytes, activationBytes, scratchBytes);
  }
}
