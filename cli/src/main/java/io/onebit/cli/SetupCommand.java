package io.onebit.cli;

import io.onebit.codegen.Toolchain;
import io.onebit.trainer.data.DatasetFetcher;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onebit setup}: installs the firmware toolchain and QEMU, and fetches datasets. */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = "Install what is missing (arm-none-eabi-gcc, newlib headers, qemu-system-arm, make, gcc, fonts for the plots:"
        + " apt-get as root) and fetch datasets.")
final class SetupCommand implements Callable<Integer> {
  @Option(names = "--datasets", split = ",", defaultValue = "mnist", description = "datasets to fetch; default ${DEFAULT-VALUE}")
  List<String> datasets;

  @Option(names = "--test-tools", description = "also what the tests need: cmake (export builds), chromium (the report page), zsh (completion)")
  boolean testTools;

  @Override
  public Integer call() {
    run(datasets);
    if (testTools) {
      Toolchain.installMissing(Toolchain.TEST_TOOLS, Console::log);
    }
    Console.out().println("setup complete: toolchain, QEMU" + (testTools ? ", cmake, chromium, zsh" : "") + " and datasets "
        + String.join(", ", datasets) + " are ready");
    return 0;
  }

  static void run(List<String> datasets) {
    Toolchain.installMissing(Console::log);
    Toolchain.require(Toolchain.EMULATION);
    Toolchain.require(Toolchain.HOST);
    DatasetFetcher fetcher = DatasetFetcher.withDefaultCache();
    for (String name : datasets) {
      fetcher.fetch(name, null, Console::log);
    }
  }
}
