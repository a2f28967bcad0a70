package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolchainTest {
  @Test
  void missingToolsNameTheirDebianPackages() {
    assertEquals("arm-none-eabi-gcc not found on PATH; install it with: apt-get install gcc-arm-none-eabi "
        + "libnewlib-arm-none-eabi qemu-system-arm",
        Toolchain.missingMessage(List.of(Toolchain.Tool.ARM_GCC, Toolchain.Tool.QEMU)));
  }

  @Test
  void hostToolsAreFound() {
    Toolchain.require(Toolchain.HOST);
    assertTrue(Toolchain.find(Toolchain.Tool.HOST_GCC).isPresent());
  }
}
