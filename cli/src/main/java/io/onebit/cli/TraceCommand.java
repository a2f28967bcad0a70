package io.onebit.cli;

import io.onebit.codegen.Boards;
import io.onebit.codegen.DeviceTrace;
import io.onebit.codegen.Kernels;
import io.onebit.model.DeployModel;
import io.onebit.model.Divergence;
import io.onebit.model.GoldenModel;
import io.onebit.model.Json;
import io.onebit.model.Layer;
import io.onebit.model.LayerTrace;
import io.onebit.model.TensorShape;
import io.onebit.trainer.data.Dataset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit trace}: every tensor of one inference from the golden model (the encoded input,
 * each layer's output); with {@code --board}, the same model built to dump its layers
 * ({@link DeviceTrace}) runs on the board's QEMU machine, and the first layer and element where the
 * two differ is named.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {"Every layer's output of the golden model for one test sample.",
        "With --board: the firmware built to dump its layers runs on QEMU, and the first layer and element where it"
        + " departs from the golden model is named (exit code 1)."})
final class TraceCommand implements Callable<Integer> {
  /** Words shown per tensor in text output without --full. */
  private static final int SHOWN_WORDS = 8;

  @Option(names = "--model", required = true, paramLabel = "FILE|random:ARCH")
  String modelSpec;

  @Option(names = "--sample", required = true, paramLabel = "N", description = "index into the dataset's test split")
  int sample;

  /** The data as eval and qemu-test read it: the model's own dataset and split unless named (catalogue or path). */
  @picocli.CommandLine.Mixin
  DataOptions data;

  @Option(names = "--board", paramLabel = "BOARD", completionCandidates = BoardNames.class,
      description = "also run the firmware on this board (one with a QEMU machine)")
  String boardName;

  @Option(names = "--kernels", defaultValue = "board", paramLabel = "board|optimised|reference",
      description = "kernel family of the firmware; default ${DEFAULT-VALUE}")
  String kernels;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "where to build (default: a new temporary directory)")
  Path workDir;

  @Spec
  CommandSpec spec;

  @Option(names = "--full", description = "print every word of every tensor (text output shows the first " + SHOWN_WORDS + ")")
  boolean full;

  @Option(names = "--json", description = "print one JSON object (every tensor in full)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (workDir != null) {
      OutputPaths.directory(spec, "--work-dir", workDir);
    }
    DeployModel model = BenchModels.load(modelSpec);
    Kernels family = kernelFamily(kernels);
    var board = boardName == null ? null : Boards.load(boardName);
    if (board != null && !board.emulated()) {
      throw new IllegalArgumentException("board " + board.name() + " has no QEMU machine; trace runs on emulated boards ("
          + String.join(", ", Boards.names().stream().filter(n -> Boards.load(n).emulated()).toList()) + ")");
    }
    String datasetName = data.datasetFor(model);
    Dataset test = data.testFor(model);
    if (sample < 0 || sample >= test.count()) {
      throw new IllegalArgumentException("--sample " + sample + " is outside the " + datasetName + " test split (0.."
          + (test.count() - 1) + ")");
    }
    byte[] input = test.sample(sample);
    LayerTrace golden = new GoldenModel(model).trace(input);
    LayerTrace device = null;
    List<Optional<Divergence>> differences = null;
    if (board != null) {
      Path work = workDir != null ? workDir : Files.createTempDirectory("onebit-trace-");
      Console.log("building the trace firmware for " + board.name() + " in " + work);
      device = DeviceTrace.onQemu(model, board, input, work, family);
      differences = LayerTrace.divergences(model, golden, device);
    }
    Optional<Divergence> first = differences == null ? Optional.empty()
        : differences.stream().flatMap(Optional::stream).findFirst();
    if (json) {
      Console.out().println(Json.mapper().writeValueAsString(json(model, datasetName, test.label(sample), golden, device,
          differences, first)));
    } else {
      print(model, datasetName, test.label(sample), golden, device, differences, first, Console.out());
    }
    return first.isPresent() ? 1 : 0;
  }

  private static Kernels kernelFamily(String name) {
    for (Kernels k : Kernels.values()) {
      if (k.makeValue().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("--kernels must be board, optimised or reference, not '" + name + "'");
  }

  /** Marks of the traced tensors: 0 for the encoded input (when there is one), i + 1 for layer i. */
  private static List<Integer> marks(DeployModel model, LayerTrace golden) {
    List<Integer> marks = new ArrayList<>();
    for (int mark = golden.input() == null ? 1 : 0; mark <= model.layers().size(); mark++) {
      marks.add(mark);
    }
    return marks;
  }

  private void print(DeployModel model, String datasetName, int label, LayerTrace golden, LayerTrace device,
      List<Optional<Divergence>> differences, Optional<Divergence> first, PrintStream out) {
    int[] scores = golden.outputs().get(model.layers().size() - 1);
    out.printf("model %s, %s test sample %d (label %d): golden class %d%n", model.name(), datasetName, sample, label,
        GoldenModel.argmax(scores));
    for (int mark : marks(model, golden)) {
      int[] tensor = golden.tensor(mark);
      boolean scoresTensor = mark == model.layers().size();
      String status = differences == null ? "" : differences.get(mark).map(d -> "  DIFFERS: " + d.differing() + " of "
          + d.elements() + " elements, first " + d.element()).orElse("  = device");
      out.printf("%-34s %-10s %s%s%n", name(model, mark), shape(model, mark),
          scoresTensor ? "scores" : minusOnes(model, mark, tensor) + " of " + shape(model, mark).elements() + " are -1",
          status);
      int shown = full || scoresTensor ? tensor.length : SHOWN_WORDS;
      out.println("    " + words(tensor, scoresTensor, shown));
      if (device != null && differences.get(mark).isPresent()) {
        out.println("    device: " + words(device.tensor(mark), scoresTensor, shown));
      }
    }
    if (device != null) {
      out.println(first.map(Divergence::describe).orElse("the device matches the golden model in every layer"));
    }
  }

  private Map<String, Object> json(DeployModel model, String datasetName, int label, LayerTrace golden, LayerTrace device,
      List<Optional<Divergence>> differences, Optional<Divergence> first) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", model.name());
    root.put("dataset", datasetName);
    root.put("sample", sample);
    root.put("label", label);
    int[] scores = golden.outputs().get(model.layers().size() - 1);
    root.put("predicted_class", GoldenModel.argmax(scores));
    root.put("board", boardName);
    List<Map<String, Object>> tensors = new ArrayList<>();
    for (int mark : marks(model, golden)) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("mark", mark);
      t.put("layer", mark - 1);
      t.put("type", mark == 0 ? "input" : model.layers().get(mark - 1).typeName());
      t.put("shape", shape(model, mark).toString());
      t.put(mark == model.layers().size() ? "scores" : "words", golden.tensor(mark));
      if (device != null) {
        t.put("device", device.tensor(mark));
        t.put("differing", differences.get(mark).map(Divergence::differing).orElse(0L));
      }
      tensors.add(t);
    }
    root.put("tensors", tensors);
    if (device != null) {
      root.put("first_divergence", first.map(d -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", d.layer());
        m.put("type", d.type());
        m.put("element", d.element());
        m.put("y", d.y());
        m.put("x", d.x());
        m.put("channel", d.channel());
        m.put("expected", d.expected());
        m.put("actual", d.actual());
        m.put("differing", d.differing());
        m.put("description", d.describe());
        return m;
      }).orElse(null));
    }
    return root;
  }

  private static String name(DeployModel model, int mark) {
    if (mark == 0) {
      return "input encoding";
    }
    Layer layer = model.layers().get(mark - 1);
    return "layer " + (mark - 1) + " " + layer.typeName();
  }

  private static TensorShape shape(DeployModel model, int mark) {
    return mark == 0 ? model.layers().get(0).inputShape() : model.layers().get(mark - 1).outputShape();
  }

  /** -1 elements (bit 1) of a packed tensor, padding bits excluded. */
  private static long minusOnes(DeployModel model, int mark, int[] tensor) {
    TensorShape s = shape(model, mark);
    long count = 0;
    for (int pixel = 0; pixel < s.height() * s.width(); pixel++) {
      for (int c = 0; c < s.channels(); c++) {
        count += io.onebit.model.BitPacking.bit(tensor, pixel * s.pixelWords(), c);
      }
    }
    return count;
  }

  private static String words(int[] tensor, boolean scores, int shown) {
    StringBuilder b = new StringBuilder(scores ? "" : "words ");
    for (int i = 0; i < Math.min(shown, tensor.length); i++) {
      b.append(i == 0 ? "" : " ").append(scores ? String.valueOf(tensor[i]) : String.format(Locale.ROOT, "%08x", tensor[i]));
    }
    if (tensor.length > shown) {
      b.append(" ... (").append(tensor.length).append(" words; --full shows all)");
    }
    return b.toString();
  }
}
