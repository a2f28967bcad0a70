package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.LayerTrace;
import io.onebit.model.TensorShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's tensors as the C computes them: the model built with {@code TRACE_FLAGS=-DONEBIT_TRACE_LAYERS}
 * (see firmware/common/layer_trace.h) dumps the encoded input and every layer's output as
 * {@code T <mark> <first word> <words...>} lines, here read back into a {@link LayerTrace} to hold
 * against {@link io.onebit.model.GoldenModel#trace}. The trace build lives in a directory of its
 * own, since make does not rebuild objects when only flags change.
 */
public final class DeviceTrace {
  static final String TRACE_FLAGS = "TRACE_FLAGS=-DONEBIT_TRACE_LAYERS";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  private DeviceTrace() {}

  /**
   * Builds the trace firmware for {@code board} in {@code dir} with {@code sample} as its one test
   * vector, runs it on the board's QEMU machine and returns the dumped tensors.
   *
   * @throws CodegenException if a tool is missing, the model does not fit, the build or QEMU fails,
   *     or the dump is incomplete
   */
  public static LayerTrace onQemu(DeployModel model, Board board, byte[] sample, Path dir, Kernels kernels) {
    Toolchain.require(Toolchain.EMULATION);
    Path absolute = dir.toAbsolutePath();
    CodeGenerator.generate(model, board, absolute, new TestVectors(new byte[][] {sample}));
    make(absolute, kernels, List.of(), "trace firmware build for " + board.name());
    HarnessOutput output = QemuRunner.run(absolute.resolve(kernels.imageName() + ".elf"), board, RUN_TIMEOUT);
    return single(parse(model, output.raw(), "QEMU " + board.qemuMachine()));
  }

  /** As {@link #onQemu}, with the C compiled for the host (gcc and the host driver). */
  public static LayerTrace onHost(DeployModel model, byte[] sample, Path dir, Kernels kernels) {
    Toolchain.require(Toolchain.HOST);
    Path absolute = dir.toAbsolutePath();
    CodeGenerator.generate(model, Boards.load(Boards.DEFAULT), absolute, null);
    make(absolute, kernels, List.of("host"), "host trace build");
    Path binary = absolute.resolve("build-host").resolve(kernels.makeValue()).resolve("host_model");
    HarnessOutput output = HostRunner.runBinaryOutput(binary, new byte[][] {sample}, absolute);
    return single(parse(model, output.raw(), binary.toString()));
  }

  private static void make(Path dir, Kernels kernels, List<String> targets, String what) {
    List<String> command = new ArrayList<>(List.of("make", "KERNELS=" + kernels.makeValue(), TRACE_FLAGS));
    command.addAll(targets);
    ProcessRunner.Result r = ProcessRunner.run(command, dir, BUILD_TIMEOUT);
    if (!r.ok()) {
      throw new CodegenException(what + " failed in " + dir + ": " + FirmwareBuilder.firstError(r), r.output());
    }
  }

  private static LayerTrace single(List<LayerTrace> traces) {
    if (traces.size() != 1) {
      throw new CodegenException("trace run printed " + traces.size() + " samples, expected 1");
    }
    return traces.get(0);
  }

  /**
   * The traces of every sample in a console output: T lines collect into the tensors of the
   * sample whose R line follows them.
   *
   * @throws CodegenException if a T line is malformed, names an unknown tensor, or a sample's dump is incomplete
   */
  static List<LayerTrace> parse(DeployModel model, String output, String source) {
    int layers = model.layers().size();
    int[] words = new int[layers + 1];
    words[0] = model.input().isBitplanes() ? 0 : model.layers().get(0).inputShape().words();
    for (int i = 0; i < layers; i++) {
      TensorShape shape = model.layers().get(i).outputShape();
      words[i + 1] = i == layers - 1 ? shape.elements() : shape.words();
    }
    List<LayerTrace> traces = new ArrayList<>();
    int[][] tensors = new int[layers + 1][];
    int[] filled = new int[layers + 1];
    for (String line : output.split("\\R")) {
      String[] f = line.strip().split(" ");
      if (f[0].equals("R")) {
        traces.add(complete(tensors, filled, words, traces.size(), source));
        tensors = new int[layers + 1][];
        filled = new int[layers + 1];
      } else if (f[0].equals("T")) {
        try {
          int mark = Integer.parseInt(f[1]);
          int at = Integer.parseInt(f[2]);
          if (mark < 0 || mark > layers || at < 0 || at + f.length - 3 > words[mark]) {
            throw new CodegenException(source + ": trace line '" + line.strip() + "' is outside the model's tensors");
          }
          tensors[mark] = tensors[mark] == null ? new int[words[mark]] : tensors[mark];
          for (int k = 3; k < f.length; k++) {
            tensors[mark][at + k - 3] = Integer.parseInt(f[k]);
          }
          filled[mark] += f.length - 3;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          throw new CodegenException(source + ": malformed trace line '" + line.strip() + "'");
        }
      }
    }
    return traces;
  }

  private static LayerTrace complete(int[][] tensors, int[] filled, int[] words, int sample, String source) {
    for (int mark = 0; mark < words.length; mark++) {
      if (filled[mark] != words[mark]) {
        throw new CodegenException(source + ": sample " + sample + " dumped " + filled[mark] + " of " + words[mark]
            + " words of " + (mark == 0 ? "the encoded input" : "layer " + (mark - 1) + "'s output")
            + " (was it built with " + TRACE_FLAGS + "?)");
      }
    }
    List<int[]> outputs = new ArrayList<>();
    for (int mark = 1; mark < words.length; mark++) {
      outputs.add(tensors[mark]);
    }
    return new LayerTrace(words[0] == 0 ? null : tensors[0], List.copyOf(outputs));
  }
}
