package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix of {@code docs/bad-input.md}: every row is a command run here as a user would
 * run it (input → message → exit code → files left), and the document is generated from these runs.
 * The test fails when the document differs from what the commands do now; regenerate it with
 *
 * <pre>
 *   mvn -q -pl cli -am test -Dtest=BadInputMatrixTest -Dsurefire.failIfNoSpecifiedTests=false -Donebit.updateDocs=true
 * </pre>
 *
 * A case is one {@link Row} line below: the fault number of issue 17, what the input is, the command
 * ({@code {dir}} is the case's own empty directory), and what to prepare. Rows that must not
 * succeed also assert a non-zero exit and that no output was left.
 */
class BadInputMatrixTest {
  static final Path DOC = Path.of(System.getProperty("onebit.root", "..")).resolve("docs/bad-input.md");

  @TempDir Path root;

  /** Prepares a case's input files in its directory. */
  @FunctionalInterface
  interface Setup {
    void in(Path dir) throws Exception;
  }

  /** What the message column shows for a run that succeeded (default: its first line of output). */
  @FunctionalInterface
  interface Observe {
    String of(Path dir, CliRun run) throws Exception;
  }

  /**
   * One case.
   *
   * @param shell null to run in this JVM, else a shell prefix for a separate JVM ({@code ulimit -f 20}, {@code umask 027})
   * @param expectFailure the command must exit non-zero and leave no output
   */
  record Row(String fault, String input, String command, Setup setup, String shell, boolean expectFailure,
      Observe observe) {
    static Row refused(String fault, String input, String command, Setup setup) {
      return new Row(fault, input, command, setup, null, true, null);
    }

    static Row works(String fault, String input, String command, Setup setup, Observe observe) {
      return new Row(fault, input, command, setup, null, false, observe);
    }

    Row inShell(String prefix) {
      return new Row(fault, input, command, setup, prefix, expectFailure, observe);
    }
  }

  // ---- the cases -------------------------------------------------------------------------------

  static final List<Row> ROWS = List.of(
      Row.works("1", "a valid conv model whose 13x13 kernel over 64 channels once needed memset (bigk2)",
          "bench --model random:{dir}/bigk2.json --samples 1",
          dir -> write(dir, "bigk2.json", "{\"name\": \"bigk2\", \"input\": \"threshold\", \"layers\": ["
              + "{\"type\": \"conv\", \"filters\": 64, \"kernel\": 3, \"stride\": 4, \"padding\": \"same\"},"
              + "{\"type\": \"conv\", \"filters\": 33, \"kernel\": 13, \"padding\": \"same\"}]}"),
          (dir, run) -> firstLine(run.out(), "bit-exact")),
      Row.refused("2", "deploy model: a hidden threshold 510.5", "codegen --model {dir}/m.json --out {dir}/fw",
          dir -> model(dir, "m.json", "\"thresholds\" : [ ", "\"thresholds\" : [ 510.5, ")),
      Row.refused("2", "deploy model: input threshold 63.9", "eval --model {dir}/m.json",
          dir -> model(dir, "m.json", "\"threshold\" : 128", "\"threshold\" : 63.9")),
      Row.refused("2", "deploy model: a number as a string, \"128\"", "eval --model {dir}/m.json",
          dir -> model(dir, "m.json", "\"threshold\" : 128", "\"threshold\" : \"128\"")),
      Row.refused("2", "deploy model: true for an integer", "eval --model {dir}/m.json",
          dir -> model(dir, "m.json", "\"fraction_bits\" : 16", "\"fraction_bits\" : true")),
      Row.refused("2", "deploy model: a key twice", "eval --model {dir}/m.json",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\", \"name\" : \"n\"")),
      Row.refused("2", "deploy model: content after the JSON object", "eval --model {dir}/m.json",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\"", "\n{}")),
      Row.refused("2", "architecture file: \"filters\": 4.5", "train --arch-file {dir}/a.json --out {dir}/m.json",
          dir -> write(dir, "a.json", "{\"name\": \"a\", \"layers\": [{\"type\": \"conv\", \"filters\": 4.5, \"kernel\": 3}]}")),
      Row.refused("2", "architecture file: a key twice", "train --arch-file {dir}/a.json --out {dir}/m.json",
          dir -> write(dir, "a.json", "{\"name\": \"a\", \"layers\": [{\"type\": \"dense\", \"units\": 8, \"units\": 9}]}")),
      Row.refused("2", "experiment config: \"lr\": \"0.1\"", "experiment --config {dir}/e.json",
          dir -> write(dir, "e.json", "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\","
              + " \"epochs\": 1}], \"runs\": [{\"name\": \"a\", \"lr\": \"0.1\"}]}")),
      Row.refused("2", "experiment config: a key twice", "experiment --config {dir}/e.json",
          dir -> write(dir, "e.json", "{\"dataset\": \"mnist\", \"seeds\": [1], \"seeds\": [2], \"architectures\":"
              + " [{\"name\": \"tfc\", \"epochs\": 1}], \"runs\": [{\"name\": \"a\"}]}")),
      Row.refused("10", "experiment config: a later run's batch larger than the training set (checked before the"
          + " first run trains)", "experiment --config {dir}/e.json",
          dir -> write(dir, "e.json", "{\"dataset\": \"digits\", \"seeds\": [1], \"architectures\": [{\"name\":"
              + " \"tfc\", \"epochs\": 1}], \"runs\": [{\"name\": \"a\", \"batch_size\": 20}, {\"name\": \"b\","
              + " \"batch_size\": 7000}]}")),
      Row.refused("10", "experiment config: a later architecture that does not fit the data's 8x8 samples",
          "experiment --config {dir}/e.json",
          dir -> write(dir, "e.json", "{\"dataset\": \"digits\", \"seeds\": [1], \"architectures\": [{\"name\":"
              + " \"tfc\", \"epochs\": 1}, {\"name\": \"cnn-s\", \"epochs\": 1}], \"runs\": [{\"name\": \"a\","
              + " \"batch_size\": 20}]}")),
      Row.refused("3", "deploy model: 65536x65536x1 input, 1x1 conv, 65536 max-pool",
          "codegen --model {dir}/huge.json --out {dir}/fw", dir -> hugeModel(dir)),
      Row.refused("3", "architecture file: a dense layer of 10,000,000 units",
          "train --arch-file {dir}/a.json --out {dir}/m.json",
          dir -> write(dir, "a.json", "{\"name\": \"a\", \"layers\": [{\"type\": \"dense\", \"units\": 10000000}]}")),
      Row.refused("4", "deploy model of 600 bytes: 46340x46340 input, one max-pool", "eval --model {dir}/pool.json",
          dir -> poolModel(dir)),
      Row.refused("4", "an endless file as the model", "codegen --model /dev/zero --out {dir}/fw", dir -> { }),
      Row.refused("4", "an endless file as the training data", "train --arch tfc --dataset /dev/zero --out {dir}/m.json",
          dir -> { }),
      Row.refused("4", "an endless file as report's experiment results",
          "report --model random:tfc --experiment /dev/zero --out {dir}/r", dir -> { }),
      Row.refused("4", "a directory as report's metrics", "report --model random:tfc --metrics {dir}/runs --out {dir}/r",
          dir -> Files.createDirectory(dir.resolve("runs"))),
      Row.refused("4", "architecture file: a conv of 100,000 filters", "train --arch-file {dir}/a.json --out {dir}/m.json",
          dir -> write(dir, "a.json", "{\"name\": \"a\", \"layers\": [{\"type\": \"conv\", \"filters\": 100000, \"kernel\": 3}]}")),
      Row.refused("5", "a non-finite option: --momentum NaN", "train --arch tfc --optimizer sgd --momentum NaN --out {dir}/m.json",
          dir -> { }),
      Row.refused("5", "an option out of its range: --lr -1", "train --arch tfc --lr -1 --out {dir}/m.json", dir -> { }),
      Row.refused("5", "--test-split 0 (was taken as the default, 20 %)",
          "train --arch tfc --dataset digits --test-split 0 --out {dir}/m.json", dir -> { }),
      Row.refused("5", "--method bernoulli: a rate for a binarisation phase --binarize all never has",
          "train --arch tfc --method bernoulli --binarize all --bernoulli-binarize-lr-scale 0.1 --out {dir}/m.json",
          dir -> { }),
      Row.refused("5", "--label-column for a catalogue dataset (was ignored)",
          "train --arch tfc --dataset digits --label-column kind --out {dir}/m.json", dir -> { }),
      Row.refused("5", "--split-seed for data that is not split (was ignored)",
          "train --arch tfc --split-seed 3 --out {dir}/m.json", dir -> { }),
      Row.refused("6", "a batch larger than the training set", "train --arch tfc --batch-size 60001 --out {dir}/m.json",
          dir -> { }),
      Row.refused("7", "an architecture no board can deploy (1x1 conv of 42 filters: 32,928 inputs)",
          "train --arch-file {dir}/wide1x1.json --out {dir}/m.json",
          dir -> write(dir, "wide1x1.json", "{\"name\": \"wide1x1\", \"input\": \"threshold\", \"layers\": ["
              + "{\"type\": \"conv\", \"filters\": 42, \"kernel\": 1}, {\"type\": \"dense\", \"units\": 4}]}")),
      Row.works("8", "a model named net_a: every name its C declares is prefixed",
          "codegen --model {dir}/net_a.json --out {dir}/fw",
          dir -> DeployModelIo.write(dir.resolve("net_a.json"), RandomModels.dense("net_a",
              InputSpec.thresholded(8, 8, 1, 128), new int[] {40, 3}, new Random(8))),
          (dir, run) -> prefixedNames(dir.resolve("fw/model.h"))),
      Row.refused("9", "--out a device node (/dev/null)", "train --arch tfc --out /dev/null", dir -> { }),
      Row.refused("9", "--out a named pipe", "train --arch tfc --out {dir}/fifo", dir -> fifo(dir.resolve("fifo"))),
      Row.refused("9", "--out a symbolic link to nothing", "train --arch tfc --out {dir}/link.json",
          dir -> Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("missing/x.json"))),
      Row.refused("10", "--out an existing directory", "train --arch tfc --out {dir}/models",
          dir -> Files.createDirectory(dir.resolve("models"))),
      Row.refused("10", "--out dir/ (a trailing slash)", "train --arch tfc --out {dir}/models/", dir -> { }),
      Row.refused("10", "--out where nothing can be created", "train --arch tfc --out /proc/onebit/m.json", dir -> { }),
      Row.refused("10", "export --out where nothing can be created",
          "export --model random:tfc --board mps2-an386 --format cmake --out /proc/onebit/lib", dir -> { }),
      Row.refused("10", "export --out a directory that is not empty",
          "export --model random:tfc --board mps2-an386 --format cmake --out {dir}/lib",
          dir -> write(Files.createDirectory(dir.resolve("lib")), "keep.txt", "mine")),
      Row.refused("10", "report --out where nothing can be created (before the boards are measured)",
          "report --model random:tfc --out /proc/onebit/report", dir -> { }),
      Row.refused("10", "report --work-dir where nothing can be created (before the boards are measured)",
          "report --model random:tfc --work-dir /proc/onebit/w --out {dir}/r", dir -> { }),
      Row.refused("10", "data export --out where nothing can be created (before the data loads)",
          "data export --dataset digits --out /proc/onebit/digits", dir -> { }),
      Row.refused("10", "summary --work-dir where nothing can be created",
          "summary --model random:tfc --board mps2-an386 --work-dir /proc/onebit/w", dir -> { }),
      Row.refused("10", "trace --work-dir where nothing can be created (before the data loads)",
          "trace --model random:tfc --sample 0 --board mps2-an386 --work-dir /proc/onebit/w", dir -> { }),
      Row.refused("10", "codegen --out an existing file", "codegen --model {dir}/m.json --out {dir}/m.json",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\"")),
      Row.refused("10", "quickstart --epochs 0 (before setup runs apt)", "quickstart --epochs 0 --out {dir}/qs", dir -> { }),
      Row.refused("11", "codegen when writes fail part-way (a 20 KiB file-size limit, as a full disk)",
          "codegen --model {dir}/tfc.json --out {dir}/fw",
          dir -> DeployModelIo.write(dir.resolve("tfc.json"), RandomModels.dense("tfc", InputSpec.thresholded(28, 28, 1,
              128), new int[] {64, 64, 64, 10}, new Random(11)))).inShell("ulimit -f 20"),
      Row.refused("11", "train when writes fail part-way (a 20 KiB file-size limit)",
          "train --arch tfc --epochs 1 --no-progress --out {dir}/m.json", dir -> { }).inShell("ulimit -f 20"),
      Row.refused("11", "data export when writes fail part-way (no file may grow: ulimit -f 0)",
          "data export --dataset digits --out {dir}/digits", dir -> { }).inShell("ulimit -f 0"),
      Row.refused("12", "eval of a 5x5x3-input model on MNIST", "eval --model {dir}/m75.json",
          dir -> DeployModelIo.write(dir.resolve("m75.json"), RandomModels.dense("m75", InputSpec.thresholded(5, 5, 3,
              128), new int[] {8, 10}, new Random(12)))),
      Row.refused("2", "--teacher a JSON file that is not a deploy model ({\"a\": 1})",
          "train --arch tfc --teacher {dir}/t.json --out {dir}/m.json", dir -> write(dir, "t.json", "{\"a\": 1}")),
      Row.refused("12", "--teacher a model for other samples (5x5x3)", "train --arch tfc --teacher {dir}/t.json --out {dir}/m.json",
          dir -> DeployModelIo.write(dir.resolve("t.json"), RandomModels.dense("t", InputSpec.thresholded(5, 5, 3, 128),
              new int[] {8, 10}, new Random(14)))),
      Row.refused("12", "--teacher a model of 4 classes for MNIST's 10",
          "train --arch tfc --teacher {dir}/t.json --out {dir}/m.json",
          dir -> DeployModelIo.write(dir.resolve("t.json"), RandomModels.dense("t", InputSpec.thresholded(28, 28, 1,
              128), new int[] {8, 4}, new Random(15)))),
      Row.works("12", "--teacher an RGB model teaching RGB data of its shape (16x16x3, 4 classes)",
          "train --arch tfc --dataset shapes-rgb --epochs 1 --batch-size 50 --no-progress --teacher {dir}/t.json --out"
              + " {dir}/m.json",
          dir -> DeployModelIo.write(dir.resolve("t.json"), RandomModels.dense("t", InputSpec.thresholded(16, 16, 3,
              128), new int[] {16, 4}, new Random(16))),
          (dir, run) -> "wrote m.json distilled from teacher '" + DeployModelIo.read(dir.resolve("m.json")).info()
              .get("teacher") + "'"),
      Row.refused("12", "predict a device (/dev/zero) as an input", "predict --model {dir}/m.json /dev/zero",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\"")),
      Row.refused("12", "predict a folder whose images have another channel count than the model's",
          "predict --model {dir}/m.json {dir}/photos",
          dir -> {
            model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\"");
            Files.createDirectories(dir.resolve("photos/cat"));
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(9, 9, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("photos/cat/1.png").toFile());
          }),
      Row.refused("12", "bench --model random: an unknown name", "bench --model random:tfc2", dir -> { }),
      Row.refused("12", "build --samples -1", "build --model {dir}/m.json --board mps2-an386 --samples -1 --out {dir}/fw",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\"")),
      Row.works("12", "qemu-test without --work-dir: the temporary build is removed",
          "qemu-test --model {dir}/m.json --samples 5",
          dir -> DeployModelIo.write(dir.resolve("m.json"), RandomModels.dense("m", InputSpec.thresholded(28, 28, 1,
              128), new int[] {16, 10}, new Random(13))),
          (dir, run) -> firstLine(run.out(), "bit-exact") + "; temporary directory: " + left(dir.resolve("tmp"),
              Set.of()))
          .inShell("true"),
      Row.works("12", "codegen under umask 027: files get the umask's mode, not 0600",
          "codegen --model {dir}/m.json --out {dir}/fw",
          dir -> model(dir, "m.json", "\"name\" : \"m\"", "\"name\" : \"m\""),
          (dir, run) -> "model.c mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(
              dir.resolve("fw/model.c")))).inShell("umask 027"),
      Row.works("12", "train twice with the same seed: the same model bytes (timings only in the metrics)",
          "train --arch tfc --epochs 1 --seed 7 --no-progress --out {dir}/a.json",
          dir -> { },
          (dir, run) -> {
            Files.createDirectory(dir.resolve("again"));
            CliRun again = CliRun.execute("train", "--arch", "tfc", "--epochs", "1", "--seed", "7", "--no-progress",
                "--out", dir.resolve("again/a.json").toString());
            assertEquals(0, again.exit(), again.err());
            boolean same = java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.json")),
                Files.readAllBytes(dir.resolve("again/a.json")));
            assertTrue(same, "same seed, different model bytes");
            return "a.json and again/a.json (a second run elsewhere) are byte for byte the same";
          }),
      Row.works("12", "an experiment run named \"ste | adam\"", "experiment --config {dir}/e.json",
          dir -> write(dir, "e.json", "{\"dataset\": \"mnist\", \"seeds\": [1], \"architectures\": [{\"name\": \"tfc\","
              + " \"epochs\": 1}], \"runs\": [{\"name\": \"ste | adam\"}]}"),
          (dir, run) -> {
            String row = firstLine(Files.readString(dir.resolve("e.md")), "| tfc ");
            long cells = Pattern.compile("(?<!\\\\)\\|").matcher(row).results().count() - 1;
            assertEquals(11, cells, row);
            return "e.md's row keeps its 11 cells; the name is written " + row.split(" \\| ")[1];
          }));

  // ---- running and rendering -------------------------------------------------------------------

  @Test
  void theMatrixInTheDocsIsWhatTheCommandsDo() throws Exception {
    StringBuilder table = new StringBuilder();
    int i = 0;
    for (Row row : ROWS) {
      table.append(render(row, run(row, root.resolve("case" + i++))));
    }
    String doc = header() + table;
    if (Boolean.getBoolean("onebit.updateDocs")) {
      Files.writeString(DOC, doc);
    }
    String committed = Files.exists(DOC) ? Files.readString(DOC) : "";
    assertEquals(committed, doc, DOC + " is out of date: regenerate it with -Donebit.updateDocs=true (see this test's"
        + " javadoc) and review the difference");
  }

  /** What one run showed. */
  record Outcome(int exit, String message, String filesLeft) {}

  private static Outcome run(Row row, Path dir) throws Exception {
    Files.createDirectories(dir);
    row.setup().in(dir);
    if (row.shell() != null) { // the separate JVM's temporary directory, watched by the rows that need it
      Files.createDirectories(dir.resolve("tmp"));
    }
    Set<String> before = listing(dir);
    String[] args = row.command().replace("{dir}", dir.toString()).split(" ");
    CliRun run = row.shell() == null ? CliRun.execute(args) : subprocess(row.shell(), dir, args);
    String message;
    if (run.exit() != 0) {
      message = run.err().lines().filter(l -> l.startsWith("onebit: error:")).findFirst().orElse(run.err());
    } else {
      message = row.observe() != null ? row.observe().of(dir, run) : firstLine(run.out(), "");
    }
    String left = left(dir, before);
    if (row.expectFailure()) {
      assertTrue(run.exit() != 0, row.command() + " succeeded");
      assertTrue(message.startsWith("onebit: error: ") && !message.contains("Exception"), message);
      assertEquals("none", left, row.command() + " left files");
    } else {
      assertEquals(0, run.exit(), row.command() + ": " + run.err());
    }
    return new Outcome(run.exit(), message.replace(dir + "/", "").replace(dir.toString(), "."), left);
  }

  /** Runs the CLI in a new JVM behind a shell prefix (ulimit, umask), with its temporary directory in {dir}/tmp. */
  private static CliRun subprocess(String shell, Path dir, String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", shell + "; exec \"$@\"", "bash",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-XX:-UsePerfData", "--add-modules", "jdk.incubator.vector", "-Djava.io.tmpdir=" + dir.resolve("tmp"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    // stderr through a pipe, not a file: a file-size limit (ulimit -f) must not swallow the message itself.
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    java.util.concurrent.CompletableFuture<String> errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", args) + " timed out");
    }
    String err = errText.join().lines()
        .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n").strip();
    return new CliRun(p.exitValue(), out, err);
  }

  private static String render(Row row, Outcome o) {
    String command = "`onebit " + row.command().replace("{dir}/", "") + "`"
        + (row.shell() != null && !row.shell().equals("true") ? " after `" + row.shell() + "`" : "");
    return "| " + row.fault() + " | " + cell(row.input()) + " | " + command + " | " + cell(o.message()) + " | "
        + o.exit() + " | " + cell(o.filesLeft()) + " |\n";
  }

  private static String header() {
    return "# Bad input: what onebit does\n\n"
        + "Generated by `cli/src/test/java/io/onebit/cli/BadInputMatrixTest.java`, which runs every row below as a user\n"
        + "would and fails when this file no longer matches (regenerate: `mvn -q -pl cli -am test"
        + " -Dtest=BadInputMatrixTest\n-Dsurefire.failIfNoSpecifiedTests=false -Donebit.updateDocs=true`). Do not edit"
        + " by hand. Fault numbers are those of issue 17.\n\n"
        + "Every refusal is one line on stderr naming the file or option and the problem, exit code 1 (usage errors:"
        + " 2),\nand nothing written: outputs are checked before any work, files are written under a temporary name and"
        + " renamed,\nand several files (a model and its metrics, a generated project) all or none. \"Files left\" is"
        + " what the\ncommand added to its directory.\n\n"
        + "| fault | input | command | message | exit | files left |\n"
        + "| --- | --- | --- | --- | ---: | --- |\n";
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** Pipes not yet escaped get a backslash (GitHub tables); line breaks become spaces. */
  private static String cell(String text) {
    return text.replaceAll("(?<!\\\\)\\|", "\\\\|").replace("\n", " ");
  }

  static String firstLine(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(no line with '" + containing + "')")
        .strip().replaceAll("\\s+", " ");
  }

  private static Set<String> listing(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
    }
    return names;
  }

  /** New entries at the top of {@code dir}: files by name, directories as "name/ (N files)"; "none". */
  static String left(Path dir, Set<String> before) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        String name = dir.relativize(p).toString();
        if (before.contains(name)) {
          continue;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> walk = Files.walk(p)) {
            out.add(name + "/ (" + walk.filter(Files::isRegularFile).count() + " files)");
          }
        } else {
          out.add(name);
        }
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  /** A valid MNIST-shaped model written as m.json with {@code from} replaced by {@code to} once (and text appended). */
  private static void model(Path dir, String name, String from, String to, String... append) throws IOException {
    DeployModel m = RandomModels.dense("m", InputSpec.thresholded(28, 28, 1, 128), new int[] {16, 10}, new Random(2));
    String json = new String(DeployModelIo.toJson(m), StandardCharsets.UTF_8);
    assertTrue(json.contains(from), from);
    Files.writeString(dir.resolve(name), json.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to))
        + String.join("", append));
  }

  private static void hugeModel(Path dir) throws IOException {
    write(dir, "huge.json", "{\"format\": \"onebit-deploy\", \"version\": 1, \"name\": \"huge\", \"input\": {\"height\":"
        + " 65536, \"width\": 65536, \"channels\": 1, \"encoding\": \"threshold\", \"threshold\": 128}, \"layers\": ["
        + "{\"type\": \"conv_sign\", \"in_height\": 65536, \"in_width\": 65536, \"in_channels\": 1, \"out_channels\": 1,"
        + " \"kernel_height\": 1, \"kernel_width\": 1, \"stride\": 1, \"padding\": \"valid\", \"weights\": [0],"
        + " \"thresholds\": [0]}, {\"type\": \"maxpool\", \"in_height\": 65536, \"in_width\": 65536, \"channels\": 1,"
        + " \"pool_height\": 65536, \"pool_width\": 65536, \"stride\": 65536, \"or_channels\": [0]}, {\"type\":"
        + " \"flatten\", \"height\": 1, \"width\": 1, \"channels\": 1}, {\"type\": \"dense_output\", \"inputs\": 1,"
        + " \"outputs\": 2, \"weights\": [0, 0], \"scale\": [1, 1], \"offset\": [0, 0], \"fraction_bits\": 0}]}");
  }

  private static void poolModel(Path dir) throws IOException {
    write(dir, "pool.json", "{\"format\": \"onebit-deploy\", \"version\": 1, \"name\": \"pool\", \"input\": {\"height\":"
        + " 46340, \"width\": 46340, \"channels\": 1, \"encoding\": \"threshold\", \"threshold\": 128}, \"layers\": ["
        + "{\"type\": \"maxpool\", \"in_height\": 46340, \"in_width\": 46340, \"channels\": 1, \"pool_height\": 46340,"
        + " \"pool_width\": 46340, \"stride\": 1, \"or_channels\": [0]}, {\"type\": \"flatten\", \"height\": 1, \"width\":"
        + " 1, \"channels\": 1}, {\"type\": \"dense_output\", \"inputs\": 1, \"outputs\": 2, \"weights\": [0, 0],"
        + " \"scale\": [1, 1], \"offset\": [0, 0], \"fraction_bits\": 0}]}");
  }

  private static void fifo(Path path) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
  }

  /** "NET_A_... and net_a_... only" when every macro and declaration of the header is prefixed. */
  private static String prefixedNames(Path header) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^#\\s*define\\s+(\\w+)|^\\w[\\w\\s*]*?\\b(\\w+)\\s*\\(").matcher(Files.readString(header));
    while (m.find()) {
      names.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    assertTrue(names.stream().allMatch(n -> n.startsWith("NET_A_") || n.startsWith("net_a_")), names.toString());
    return "model.h defines and declares only " + String.join(", ", names);
  }
}
