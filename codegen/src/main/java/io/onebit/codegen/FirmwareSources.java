package io.onebit.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Copies the hand-written C runtime ({@code firmware/} in the source tree) next to generated code. */
final class FirmwareSources {
  static final String DIRECTORY = "onebit/firmware";
  /** Where the runtime lands in the output directory; generated C includes "onebit/...". */
  static final String TARGET = "onebit";

  private FirmwareSources() {}

  /** Writes every runtime file below {@code outDir/onebit/} (a staging directory); returns the written paths. */
  static List<Path> copyTo(Path outDir) throws IOException {
    List<Path> written = new ArrayList<>();
    for (String file : ClasspathResources.list(DIRECTORY)) {
      if (file.endsWith(".c") || file.endsWith(".h") || file.endsWith(".ld")) { // .ld: the RP2040 boot2 link
        Path target = outDir.resolve(TARGET).resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, ClasspathResources.read(DIRECTORY + "/" + file));
        written.add(target);
      }
    }
    return written;
  }
}
