package io.onebit.codegen;

import io.onebit.model.BitPacking;
import io.onebit.model.BitplaneConvSignLayer;
import io.onebit.model.ConvSignLayer;
import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DenseSignLayer;
import io.onebit.model.FlattenLayer;
import io.onebit.model.Layer;
import io.onebit.model.MaxPoolLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link LayerView} of each layer in order: names its arrays, places its tensors in the
 * arena ({@link ActivationPlan}) and sizes the shared scratch buffers (the largest need of a kind).
 */
final class LayerViews {
  /** Words of a weight row per line of C. */
  private static final int WORDS_PER_LINE = 8;
  /** Integers per line of C. */
  private static final int INTS_PER_LINE = 12;
  /** The kernels store dense and conv thresholds as int16_t; a threshold lies in [-1, K]. */
  private static final int MAX_THRESHOLD_INPUTS = Short.MAX_VALUE;
  /**
   * Hidden layers with at least this many outputs use the column kernel (dense_sign_cols.h: 32 rows
   * per bit-sliced pass, about 7 instructions per listed input and group on the M4, against about
   * 9 per XOR word row by row); narrower layers keep the row kernel, whose cost has no per-group part.
   */
  static final int COLUMN_KERNEL_MIN_OUTPUTS = 32;

  private final String modelName;
  private final String prefix;
  private final String arena;
  private final ActivationPlan plan;
  private final List<LayerView> views = new ArrayList<>();
  private int columnListEntries;
  private int convListWords;
  private int windowWords;

  /** What the bitplane first layer reads: the entry point's {@code input}, or the mapped bytes. */
  private final String bitplaneInput;

  LayerViews(String modelName, String prefix, String arena, ActivationPlan plan, String bitplaneInput) {
    this.bitplaneInput = bitplaneInput;
    this.modelName = modelName;
    this.prefix = prefix;
    this.arena = arena;
    this.plan = plan;
  }

  List<LayerView> views() {
    return views;
  }

  String columnListName() {
    return prefix + "_column_list";
  }

  int columnListEntries() {
    return columnListEntries;
  }

  String convListName() {
    return prefix + "_conv_lists";
  }

  int convListWords() {
    return convListWords;
  }

  String windowName() {
    return prefix + "_window";
  }

  int windowWords() {
    return windowWords;
  }

  /** The arena address of a tensor as a C expression. */
  private String at(int offset) {
    return offset == 0 ? arena : arena + " + " + offset;
  }

  void add(int i, Layer layer) {
    String base = prefix + "_l" + i;
    String in = at(plan.inputOffsets().get(i));
    String out = at(plan.outputOffsets().get(i));
    String shapes = "layer " + i + ": " + layer.inputShape() + " -> " + layer.outputShape();
    if (layer instanceof DenseSignLayer d) {
      addDenseSign(i, d, base, in, out);
    } else if (layer instanceof DenseOutputLayer d) {
      String comment = "dense_output " + denseComment(i, d.inputs(), d.outputs()) + ", scores in fixed point with "
          + d.fractionBits() + " fraction bits";
      views.add(new DenseOutputView(i, comment, d.inputs(), d.outputs(), d.rowWords(), in, base + "_weights",
          CLiterals.hexWords(d.weights(), WORDS_PER_LINE), base + "_scale", CLiterals.ints(d.scale(), INTS_PER_LINE),
          base + "_offset", CLiterals.ints(d.offset(), INTS_PER_LINE)));
    } else if (layer instanceof ConvSignLayer c) {
      addConv(i, c, base, in, out, shapes);
    } else if (layer instanceof BitplaneConvSignLayer b) {
      windowWords = Math.max(windowWords, BitplaneFilters.windowWords(b));
      views.add(new BitplaneConvSignView(i, "bitplane_conv_sign " + shapes + ", " + b.kernelHeight() + "x"
          + b.kernelWidth() + " stride " + b.stride() + " " + b.padding() + ", reads the 8-bit input " + bitplaneInput,
          bitplaneInput, out,
          CArray.hexWords(base + "_weights", b.weights()), CArray.ints(base + "_thresholds", b.thresholds()),
          CArray.hexWords(base + "_filters", BitplaneFilters.of(b)), base + "_geometry",
          CGeometry.initializer(b.geometry(), b.inChannels(), b.outChannels()), windowName(),
          BitplaneFilters.windowWords(b)));
    } else if (layer instanceof MaxPoolLayer p) {
      views.add(new MaxPoolView(i, "maxpool " + shapes + ", " + p.poolHeight() + "x" + p.poolWidth() + " stride "
          + p.stride() + ", OR where the channel's bit is set below, AND elsewhere", in, out,
          CArray.hexWords(base + "_or_channels", p.orChannels()), base + "_geometry",
          CGeometry.initializer(p.geometry(), p.channels(), p.channels())));
    } else if (layer instanceof FlattenLayer f) {
      views.add(new FlattenView(i, "flatten " + shapes + (f.isIdentity() ? ": the same words, nothing to do"
          : ": re-packs the channels of each pixel into one vector"), f.isIdentity(), in, out,
          f.height() * f.width(), f.channels()));
    } else {
      throw new CodegenException("model '" + modelName + "' layer " + i + ": codegen does not support "
          + layer.getClass().getSimpleName() + " yet");
    }
  }

  private void addDenseSign(int i, DenseSignLayer d, String base, String in, String out) {
    if (d.inputs() > MAX_THRESHOLD_INPUTS) {
      throw new CodegenException("model '" + modelName + "' layer " + i + " has " + d.inputs()
          + " inputs; the C runtime stores thresholds as int16 (at most " + MAX_THRESHOLD_INPUTS + " inputs)");
    }
    String comment = denseComment(i, d.inputs(), d.outputs());
    if (d.outputs() >= COLUMN_KERNEL_MIN_OUTPUTS && d.inputs() <= DenseSignColumnsView.MAX_INPUTS) {
      DenseSignColumnsView v = DenseSignColumnsView.of(i, "dense_sign (columns) " + comment, d, base, in, out,
          columnListName());
      views.add(v);
      columnListEntries = Math.max(columnListEntries, v.scratchEntries());
      return;
    }
    views.add(new DenseSignView(i, "dense_sign " + comment, d.inputs(), d.outputs(), d.rowWords(),
        BitPacking.words(d.outputs()), in, out, base + "_weights", CLiterals.hexWords(d.weights(), WORDS_PER_LINE),
        base + "_thresholds", CLiterals.ints(d.thresholds(), INTS_PER_LINE)));
  }

  private void addConv(int i, ConvSignLayer c, String base, String in, String out, String shapes) {
    if (c.fanIn() > MAX_THRESHOLD_INPUTS) {
      throw new CodegenException("model '" + modelName + "' layer " + i + " has a fan-in of " + c.fanIn()
          + "; the C runtime stores thresholds as int16 (at most " + MAX_THRESHOLD_INPUTS + ")");
    }
    ConvColumns columns = ConvColumns.of(c);
    // A ring of k_h input rows (fewer when the input has fewer), each in_w pixel lists.
    int listWords = Math.min(c.kernelHeight(), c.inHeight()) * c.inWidth() * ConvColumns.listSlotWords(c.inChannels());
    convListWords = Math.max(convListWords, listWords);
    views.add(new ConvSignView(i, "conv_sign " + shapes + ", " + c.kernelHeight() + "x" + c.kernelWidth()
        + " stride " + c.stride() + " " + c.padding() + ", K = " + c.fanIn(), in, out,
        CArray.hexWords(base + "_weights", c.weights()), CArray.ints(base + "_thresholds", c.thresholds()),
        CArray.hexWords(base + "_columns", columns.columns()), CArray.hexWords(base + "_planes", columns.planes()),
        columns.signPlanes(), columns.countPlanes(), base + "_geometry",
        CGeometry.initializer(c.geometry(), c.inChannels(), c.outChannels()), convListName(), listWords));
  }

  private static String denseComment(int i, int inputs, int outputs) {
    return "layer " + i + ": " + inputs + " -> " + outputs + ", " + BitPacking.words(inputs) + " words per weight row";
  }
}
