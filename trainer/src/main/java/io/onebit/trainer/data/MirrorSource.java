package io.onebit.trainer.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A web directory serving a dataset's files gzipped under their usual names, like the mirrors
 * of the original MNIST site. The connect timeout is short because on a machine without
 * internet every mirror fails, and the later sources must not wait long for that.
 */
final class MirrorSource implements DatasetSource {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Time until the response starts; the body then streams without a limit. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;

  /** @param base the directory's URL, ending in {@code /} */
  MirrorSource(URI base) {
    this.base = base;
  }

  @Override
  public String name() {
    return base.toString();
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    for (DatasetFile file : wanted) {
      URI uri = base.resolve(file.baseName() + DatasetFile.GZ);
      log.accept("downloading " + uri);
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(uri + ": interrupted", e);
      } catch (IOException e) {
        // The first file failing usually means the whole mirror is unreachable: give up on it
        // rather than wait out the same timeout once per file.
        throw new IOException(uri + ": " + Failures.describe(e), e);
      }
      if (response.statusCode() != 200) {
        throw new IOException(uri + ": HTTP " + response.statusCode());
      }
      sink.accept(file, response.body());
    }
  }
}
