package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareBuilderTest {
  @TempDir Path dir;

  @Test
  void compileErrorsAreOneLineWithTheCompilerOutputAsDetails() throws IOException {
    CodeGenerator.generate(CodeGeneratorTest.tiny("tiny"), Boards.load(Boards.DEFAULT), dir, null);
    Files.writeString(dir.resolve("model.c"), "\nint broken(void) { return undeclared; }\n", StandardOpenOption.APPEND);
    CodegenException e = assertThrows(CodegenException.class, () -> FirmwareBuilder.buildHost(dir, Kernels.OPTIMISED));
    assertTrue(e.getMessage().startsWith("host build failed in " + dir.toAbsolutePath() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("model.c") && e.getMessage().contains("error:"), e.getMessage());
    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    assertTrue(e.details().contains("undeclared"), e.details());
  }

  @Test
  void hostBinaryIsBuiltPerKernelFamily() {
    CodeGenerator.generate(CodeGeneratorTest.tiny("tiny"), Boards.load(Boards.DEFAULT), dir, null);
    Path reference = FirmwareBuilder.buildHost(dir, Kernels.REFERENCE);
    Path optimised = FirmwareBuilder.buildHost(dir, Kernels.OPTIMISED);
    assertTrue(reference.isAbsolute() && Files.isExecutable(reference), reference.toString());
    assertTrue(!reference.equals(optimised) && Files.isExecutable(optimised), optimised.toString());
  }
}
