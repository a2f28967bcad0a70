package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code onebit summary} prints: Larq's model summary (per layer: shapes, 1-bit and integer
 * parameters, MACs by precision; totals and the memory against float32 and int8 networks of the
 * same shapes) plus the device columns: flash and activation RAM as codegen plans them, XOR words,
 * and with a measured board the instructions per layer and the fit against its flash and RAM.
 * Serialised with {@code io.onebit.model.Json} (snake_case keys).
 *
 * @param model the model's name
 * @param input the input shape and encoding, e.g. {@code 28x28x1 threshold 128}
 * @param classes number of class scores
 * @param encodeInstructions instructions of the input encoding (null without a QEMU measurement)
 * @param layers one row per layer
 * @param totals sums and the compression figures
 * @param device the board's figures, or null without a board
 */
public record ModelSummary(String model, String input, int classes, Double encodeInstructions, List<Row> layers,
    Totals totals, Device device) {

  /**
   * One layer.
   *
   * @param index position in the model
   * @param type the deploy-model type, e.g. {@code conv_sign}
   * @param kernel the C kernel codegen chose, e.g. {@code dense_sign_cols} (the column kernel)
   * @param inputShape HWC, e.g. {@code 28x28x1}
   * @param outputShape HWC
   * @param binaryParameters 1-bit weights
   * @param integerParameters thresholds, output scale and offset
   * @param flashBytes the layer's constants in flash, as the generated C lays them out
   * @param activationBytes arena bytes the layer holds while it runs: its input + output tensors
   * @param scratchBytes its kernel's scratch (lists, window), shared between layers of a kind
   * @param binaryMacs 1-bit x 1-bit multiply-accumulates per inference
   * @param int8Macs 8-bit x 1-bit multiply-accumulates per inference
   * @param xorWords 32-bit XOR-popcount words per inference
   * @param instructions measured instructions per inference on the board (null without QEMU)
   */
  public record Row(int index, String type, String kernel, String inputShape, String outputShape, long binaryParameters,
      long integerParameters, long flashBytes, long activationBytes, long scratchBytes, long binaryMacs, long int8Macs,
      long xorWords, Double instructions) {}

  /**
   * Sums over the layers, and memory against float networks of the same shapes (as Larq's summary:
   * 1-bit parameters take 1/8 byte, integer parameters 4 bytes).
   *
   * @param memoryBytes 1-bit parameters / 8 + 4 x integer parameters
   * @param float32Bytes 4 bytes for every parameter
   * @param int8Bytes 1 byte per weight, 4 per integer parameter (an int8 network keeps int32 biases)
   * @param float32Ratio float32Bytes / memoryBytes
   * @param int8Ratio int8Bytes / memoryBytes
   * @param constantBytes flash of every layer's constants in the generated C
   * @param ramBytes the model's RAM: the activation arena and the kernels' scratch
   */
  public record Totals(long binaryParameters, long integerParameters, long binaryMacs, long int8Macs, long xorWords,
      long memoryBytes, long float32Bytes, long int8Bytes, double float32Ratio, double int8Ratio, long constantBytes,
      long ramBytes) {}

  /**
   * The model on one board.
   *
   * @param board the board
   * @param cpu its core, e.g. {@code cortex-m4}
   * @param clockHz its clock
   * @param measured whether the figures below come from a built image (else codegen's estimate)
   * @param instructionsPerInference measured on QEMU with the board's kernels (null without QEMU)
   * @param millisecondsAtOneInstructionPerCycle instructions / clock, a lower bound of the latency
   * @param modelFlashBytes model.o's flash (code with inlined kernels, constants), or the estimate
   * @param modelRamBytes the model's RAM (activation arena, scratch)
   * @param stackBytes the image's measured stack bound (or the reserve before a build)
   * @param boardFlashBytes the board's flash
   * @param boardRamBytes the board's RAM
   * @param fits model flash within the board's flash, model RAM + stack within its RAM
   * @param note why a figure is missing (no QEMU machine, does not fit), or null
   */
  public record Device(String board, String cpu, long clockHz, boolean measured, Double instructionsPerInference,
      Double millisecondsAtOneInstructionPerCycle, long modelFlashBytes, long modelRamBytes, long stackBytes,
      long boardFlashBytes, long boardRamBytes, boolean fits, String note) {}

  /** What a build on the board measured; {@code segments} is null without QEMU (see {@link BenchRunner#profile}). */
  public record Measurement(double[] segments, Double instructionsPerInference, long modelFlashBytes, long modelRamBytes,
      long stackBytes) {
    static Measurement of(BenchReport.Figures f) {
      double[] segments = f.layers().stream().mapToDouble(BenchReport.Segment::instructions).toArray();
      return new Measurement(segments, f.instructionsPerInference(), f.modelFlashBytes(), f.modelRamBytes(),
          f.stackBytes());
    }
  }

  /**
   * Builds {@code model} for {@code board} in {@code dir} with {@code samples} as test vectors and
   * measures it: on an emulated board a profiled run on QEMU ({@link BenchRunner#profile}, the
   * board's kernels), elsewhere the built image's sizes alone.
   *
   * @throws DoesNotFitException if the model does not fit the board
   * @throws CodegenException if a tool is missing, the build or QEMU fails
   */
  public static Measurement measure(DeployModel model, Board board, byte[][] samples, java.nio.file.Path dir) {
    if (board.emulated()) {
      return Measurement.of(BenchRunner.profile(model, board, samples, dir, Kernels.BOARD));
    }
    CodeGenerator.GeneratedSources sources = CodeGenerator.generate(model, board, dir, new TestVectors(samples));
    FirmwareImage image = FirmwareBuilder.build(dir, board);
    ElfSizes sizes = ElfSizes.of(image, sources.model());
    return new Measurement(null, null, sizes.model().flashBytes(), sizes.model().ramBytes(), image.stackBytes());
  }

  /**
   * The summary of {@code model}, with {@code board}'s columns when it is given.
   *
   * @param board null for the model alone (the C layout is the same on every board)
   * @param measured the board's measurement, or null (then flash and RAM are codegen's estimate)
   * @param note why there is no measurement (e.g. "does not fit: ..."), or null
   */
  public static ModelSummary of(DeployModel model, Board board, Measurement measured, String note) {
    ModelView view = ModelView.of(model, board != null ? board : Boards.load(Boards.DEFAULT));
    List<Layer> layers = model.layers();
    double[] segments = measured == null ? null : measured.segments();
    List<Row> rows = new ArrayList<>();
    long binary = 0;
    long integer = 0;
    long macs = 0;
    long int8 = 0;
    long words = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      LayerMemory m = view.memory().get(i);
      rows.add(new Row(i, l.typeName(), m.kind(), l.inputShape().toString(), l.outputShape().toString(),
          l.binaryParameters(), l.integerParameters(), m.flashBytes(), m.activationBytes(), m.scratchBytes(),
          l.binaryMacs(), l.int8Macs(), l.xorWords(), segments == null ? null : segments[i + 1]));
      binary += l.binaryParameters();
      integer += l.integerParameters();
      macs += l.binaryMacs();
      int8 += l.int8Macs();
      words += l.xorWords();
    }
    long memory = (binary + 7) / 8 + 4 * integer;
    long float32 = 4 * (binary + integer);
    long int8Bytes = binary + 4 * integer;
    Totals totals = new Totals(binary, integer, macs, int8, words, memory, float32, int8Bytes, float32 / (double) memory,
        int8Bytes / (double) memory, FitCheck.constantBytes(view), view.ramBytes());
    String input = model.input().shape() + " " + model.input().encoding()
        + (model.input().isBitplanes() ? "" : " " + model.input().threshold());
    return new ModelSummary(model.name(), input, model.classes(), segments == null ? null : segments[0], List.copyOf(rows),
        totals, board == null ? null : device(board, view, totals, measured, note));
  }

  private static Device device(Board board, ModelView view, Totals totals, Measurement m, String note) {
    long flash = m != null ? m.modelFlashBytes() : totals.constantBytes() + FitCheck.CODE_ESTIMATE;
    long ram = m != null ? m.modelRamBytes() : view.ramBytes();
    long stack = m != null ? m.stackBytes() : FitCheck.STACK_RESERVE;
    Double instructions = m == null ? null : m.instructionsPerInference();
    boolean fits = flash <= board.flashSize() && ram + stack <= board.ramSize();
    String why = note != null ? note : m != null && instructions == null ? "no QEMU machine: sizes from the built image" : null;
    return new Device(board.name(), board.cpu(), board.cpuClockHz(), m != null, instructions,
        instructions == null ? null : 1000.0 * instructions / board.cpuClockHz(), flash, ram, stack, board.flashSize(),
        board.ramSize(), fits, why);
  }
}
