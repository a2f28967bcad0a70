package io.onebit.cli;

import io.onebit.trainer.data.DatasetFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onebit data fetch NAME}: finds or fetches a dataset and verifies it. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Manage datasets.",
    subcommands = {DataCommand.Fetch.class, DataCommand.ListDatasets.class, DataInspect.class, DataExport.class})
final class DataCommand {
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Find, fetch or generate a catalogue dataset, verify its SHA-256 and cache it.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "a catalogue dataset (onebit data list)")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "a directory that already holds the dataset's files")
    Path dataDir;

    @Override
    public Integer call() {
      Path dir = DatasetFetcher.withDefaultCache().fetch(name, dataDir, Console::log);
      Console.out().println(name + ": " + dir);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the catalogue's datasets.")
  static final class ListDatasets implements Callable<Integer> {
    @Override
    public Integer call() {
      for (io.onebit.trainer.data.DatasetSpec spec : io.onebit.trainer.data.DatasetCatalog.all()) {
        Console.out().printf("%-14s %s%n", spec.name(), spec.description());
      }
      return 0;
    }
  }
}
