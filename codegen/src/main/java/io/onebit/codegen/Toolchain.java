package io.onebit.codegen;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The external tools firmware builds and emulation need, found on the PATH, and their Debian
 * packages. A missing tool is a one-line error naming the package to install.
 */
public final class Toolchain {
  /** A tool and the Debian packages that provide it. */
  public enum Tool {
    ARM_GCC("arm-none-eabi-gcc", "gcc-arm-none-eabi", "libnewlib-arm-none-eabi"),
    ARM_OBJCOPY("arm-none-eabi-objcopy", "binutils-arm-none-eabi"),
    QEMU("qemu-system-arm", "qemu-system-arm"),
    MAKE("make", "make"),
    HOST_GCC("gcc", "gcc"),
    /** Java2D draws the plots' text with a system font: fontconfig and DejaVu (a minimal Debian has neither). */
    FONTS("fc-list", "fontconfig", "fonts-dejavu-core"),
    /** Builds the CMake and (emulated) Zephyr exports in the tests. */
    CMAKE("cmake", "cmake"),
    /** Renders the HTML report in the tests (headless). */
    CHROMIUM("chromium", "chromium"),
    /** Loads the completion script in the tests. */
    ZSH("zsh", "zsh");

    private final String executable;
    private final List<String> packages;

    Tool(String executable, String... packages) {
      this.executable = executable;
      this.packages = List.of(packages);
    }

    public String executable() {
      return executable;
    }

    /** Debian packages to install for this tool. */
    public List<String> packages() {
      return packages;
    }
  }

  /** Tools to build firmware images for a board. */
  public static final List<Tool> FIRMWARE = List.of(Tool.MAKE, Tool.ARM_GCC, Tool.ARM_OBJCOPY);
  /** Tools to build and run firmware on QEMU. */
  public static final List<Tool> EMULATION = List.of(Tool.MAKE, Tool.ARM_GCC, Tool.ARM_OBJCOPY, Tool.QEMU);
  /** Tools to build the model for the host. */
  public static final List<Tool> HOST = List.of(Tool.MAKE, Tool.HOST_GCC);
  /** What {@code onebit setup} installs: firmware builds, emulation, host builds, plots. */
  public static final List<Tool> STANDARD = List.of(Tool.ARM_GCC, Tool.ARM_OBJCOPY, Tool.QEMU, Tool.MAKE, Tool.HOST_GCC,
      Tool.FONTS);
  /** What the tests need beyond {@link #STANDARD} ({@code onebit setup --test-tools}, as run-tests does). */
  public static final List<Tool> TEST_TOOLS = List.of(Tool.CMAKE, Tool.CHROMIUM, Tool.ZSH);

  private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);

  private Toolchain() {}

  /** The tool's path on the PATH, if any. */
  public static Optional<Path> find(Tool tool) {
    return findExecutable(tool.executable());
  }

  /** An executable's path on the PATH, if any (also for tools outside {@link Tool}, e.g. flash programmers). */
  public static Optional<Path> findExecutable(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The tools of {@code tools} that are not on the PATH. */
  public static List<Tool> missing(List<Tool> tools) {
    return tools.stream().filter(t -> find(t).isEmpty()).toList();
  }

  /**
   * Checks that every tool is on the PATH.
   *
   * @throws CodegenException naming the first missing tool and the packages that provide all missing ones
   */
  public static void require(List<Tool> tools) {
    List<Tool> missing = missing(tools);
    if (!missing.isEmpty()) {
      throw new CodegenException(missingMessage(missing));
    }
  }

  /** The one-line error for missing tools: the first tool, and the packages for all of them. */
  static String missingMessage(List<Tool> missing) {
    return missing.get(0).executable() + " not found on PATH; install it with: apt-get install "
        + String.join(" ", packages(missing));
  }

  /**
   * Installs the Debian packages of every {@link #STANDARD} tool that is missing ({@code apt-get update},
   * then {@code apt-get install -y}). Needs root; does nothing when all tools are present.
   *
   * @param log receives one line per step
   * @throws CodegenException when not root, or apt-get fails
   */
  public static void installMissing(Consumer<String> log) {
    installMissing(STANDARD, log);
  }

  /** As {@link #installMissing(Consumer)} for the given tools. */
  public static void installMissing(List<Tool> tools, Consumer<String> log) {
    List<Tool> missing = missing(tools);
    if (missing.isEmpty()) {
      log.accept("toolchain: all tools present");
      return;
    }
    List<String> packages = packages(missing);
    if (!isRoot()) {
      throw new CodegenException("missing " + String.join(", ", missing.stream().map(Tool::executable).toList())
          + "; run as root, or install them with: sudo apt-get install " + String.join(" ", packages));
    }
    log.accept("toolchain: apt-get update");
    apt(List.of("apt-get", "update"));
    log.accept("toolchain: apt-get install -y " + String.join(" ", packages));
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    install.addAll(packages);
    apt(install);
    require(tools);
  }

  private static List<String> packages(List<Tool> tools) {
    Set<String> packages = new LinkedHashSet<>();
    tools.forEach(t -> packages.addAll(t.packages()));
    return List.copyOf(packages);
  }

  private static void apt(List<String> command) {
    Path apt = Path.of("/usr/bin/apt-get");
    if (!Files.isExecutable(apt)) {
      throw new CodegenException("apt-get not found: install the tools by hand (" + String.join(" ", command.subList(1, command.size())) + ")");
    }
    ProcessRunner.Result r = ProcessRunner.run(command, null, APT_TIMEOUT, Map.of("DEBIAN_FRONTEND", "noninteractive"));
    if (!r.ok()) {
      throw new CodegenException(String.join(" ", command) + " failed" + (r.timedOut() ? " (timed out)" : " with exit code " + r.exitCode()), r.output());
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
