package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case the fuzz test ever shrunk ({@code codegen/src/test/resources/fuzz-regressions/*.json}:
 * a deploy model whose info holds the failing samples) runs again on the host, with both kernel
 * families under the sanitizers, against the golden model, and builds as Cortex-M0 and M4 firmware.
 */
class FuzzRegressionsTest {
  @TempDir Path dir;

  static List<Path> files() throws IOException {
    Path root = Path.of(System.getProperty("onebit.root", "..")).resolve(FuzzShrinker.REGRESSIONS);
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyKeptCaseMatchesTheGoldenModel() throws IOException {
    List<Path> files = files();
    assertTrue(!files.isEmpty(), "no regression files in " + FuzzShrinker.REGRESSIONS);
    List<MultiModelHost.Case> cases = new ArrayList<>();
    for (Path file : files) {
      DeployModel model = DeployModelIo.read(file);
      List<?> hex = (List<?>) model.info().get("failing_samples");
      byte[][] samples = hex.stream().map(h -> HexFormat.of().parseHex((String) h)).toArray(byte[][]::new);
      cases.add(new MultiModelHost.Case(model, samples));
    }
    for (Kernels kernels : new Kernels[] {Kernels.OPTIMISED, Kernels.REFERENCE}) {
      List<List<ResultLine>> results = MultiModelHost.run(cases, dir.resolve(kernels.makeValue()), kernels, true);
      for (int i = 0; i < cases.size(); i++) {
        MultiModelHost.Case c = cases.get(i);
        assertEquals(-1, RandomNetworkFuzzTest.firstMismatch(c.model(), c.samples(), results.get(i)),
            files.get(i) + " with " + kernels.makeValue() + " kernels");
      }
    }
    // And each builds as firmware for a Cortex-M0 and a Cortex-M4 (a case may have been a compiler failure).
    for (String boardName : new String[] {"microbit", "mps2-an386"}) {
      Board board = Boards.load(boardName);
      for (int i = 0; i < cases.size(); i++) {
        MultiModelHost.Case c = cases.get(i);
        Path work = dir.resolve(boardName + "-" + i);
        try {
          CodeGenerator.generate(c.model(), board, work, new TestVectors(c.samples()));
        } catch (DoesNotFitException e) {
          continue;
        }
        for (Kernels kernels : new Kernels[] {Kernels.OPTIMISED, Kernels.REFERENCE}) {
          assertTrue(Files.isRegularFile(FirmwareBuilder.build(work, board, kernels).elf()), files.get(i) + " on "
              + boardName);
        }
      }
    }
  }
}
