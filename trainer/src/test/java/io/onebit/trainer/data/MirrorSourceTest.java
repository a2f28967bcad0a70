package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exercises the real download code against a web server on the loopback address. */
class MirrorSourceTest {
  private static final DatasetSpec SPEC = TinyDataset.spec(List.of());

  @TempDir Path root;
  private HttpServer server;
  private final Map<String, byte[]> served = new LinkedHashMap<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mnist/", exchange -> {
      byte[] body = served.get(exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    TinyDataset.CONTENT.forEach((base, raw) -> served.put("/mnist/" + base + ".gz", IdxFixtures.gzip(raw)));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
  }

  @Test
  void downloadsEachWantedFileGzipped() throws IOException {
    Map<String, byte[]> received = new LinkedHashMap<>();
    List<String> log = new ArrayList<>();
    new MirrorSource(base()).fetch(SPEC.files(), (file, bytes) -> received.put(file.baseName(), bytes), log::add);
    assertEquals(TinyDataset.CONTENT.keySet(), received.keySet());
    received.forEach((base, bytes) -> assertArrayEquals(served.get("/mnist/" + base + ".gz"), bytes));
    assertEquals("downloading " + base() + "train-images-idx3-ubyte.gz", log.get(0));
  }

  @Test
  void missingFileIsAnHttpError() {
    served.remove("/mnist/t10k-labels-idx1-ubyte.gz");
    IOException e = assertThrows(IOException.class, () -> new MirrorSource(base()).fetch(SPEC.files(), (f, b) -> {}, l -> {}));
    assertEquals(base() + "t10k-labels-idx1-ubyte.gz: HTTP 404", e.getMessage());
  }

  @Test
  void unreachableMirrorFailsFastAndTheFetcherMovesOn() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    MirrorSource dead = new MirrorSource(URI.create("http://127.0.0.1:" + closedPort + "/mnist/"));
    List<String> log = new ArrayList<>();
    long start = System.nanoTime();
    Path dir = new DatasetFetcher(root).fetch(TinyDataset.spec(List.of(dead, new MirrorSource(base()))), null, log::add);
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "a refused connection must not wait for a timeout");
    assertTrue(log.stream().anyMatch(l -> l.startsWith("tiny: " + dead.name() + " failed: ")), log.toString());
    assertTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")));
    assertEquals(TinyDataset.TEST, Datasets.read(SPEC, "test", dir).count());
  }
}
