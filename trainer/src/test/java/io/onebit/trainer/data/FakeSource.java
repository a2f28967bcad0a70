package io.onebit.trainer.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A source serving fixed bytes from memory, then optionally failing, and recording what it was
 * asked for, so fetch order can be tested without network or tools.
 */
final class FakeSource implements DatasetSource {
  private final String name;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private IOException failure;
  final List<List<String>> requests = new ArrayList<>();

  FakeSource(String name) {
    this.name = name;
  }

  /** Serves {@code bytes} as {@code baseName}. */
  FakeSource serving(String baseName, byte[] bytes) {
    files.put(baseName, bytes);
    return this;
  }

  /** Serves every tiny-dataset file, gzipped or raw. */
  FakeSource servingAll(boolean gzip) {
    TinyDataset.CONTENT.forEach((base, raw) -> serving(base, gzip ? IdxFixtures.gzip(raw) : raw));
    return this;
  }

  /** Fails with {@code message} after serving what it has. */
  FakeSource failingWith(String message) {
    failure = new IOException(message);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    requests.add(wanted.stream().map(DatasetFile::baseName).toList());
    for (DatasetFile file : wanted) {
      if (files.containsKey(file.baseName())) {
        sink.accept(file, files.get(file.baseName()));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
