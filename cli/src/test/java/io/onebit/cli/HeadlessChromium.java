package io.onebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onebit.model.AtomicDirectories;
import io.onebit.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket, JDK's own
 * client): loads a page, decodes every image, and records console messages, uncaught exceptions,
 * log entries and every network request, then takes a full-page screenshot. Started with the
 * flags that keep it off the network and away from any user profile.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What a page did while it loaded. */
  record PageCheck(String title, List<Image> images, List<String> errors, List<String> requests, byte[] screenshot) {}

  /** One {@code <img>} after {@code decode()}: its alt text, natural size, and the decode error if any. */
  record Image(String alt, int width, int height, String error) {}

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final CountDownLatch loaded = new CountDownLatch(1);

  private HeadlessChromium(Process process, Path profile, URI browser) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
        .buildAsync(browser, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts chromium with a fresh profile; reads the DevTools address it prints. */
  static HeadlessChromium start(String executable) throws Exception {
    Path profile = Files.createTempDirectory("onebit-chromium-");
    Process p = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> address = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = err.readLine()) != null; ) {
          int at = line.indexOf("ws://");
          if (line.startsWith("DevTools listening on") && at >= 0) {
            return URI.create(line.substring(at).strip());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("chromium exited without a DevTools address");
    });
    URI uri = address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    // Keep draining stderr so chromium never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (err.readLine() != null) {
          // chromium's own log lines are not the page's console
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    return new HeadlessChromium(p, profile, uri);
  }

  /** Loads {@code page} at {@code width} pixels, checks its images and takes a full-page PNG screenshot. */
  PageCheck check(Path page, int width) throws Exception {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .get("sessionId").asText();
    for (String domain : List.of("Page.enable", "Runtime.enable", "Log.enable", "Network.enable")) {
      call(session, domain, Map.of());
    }
    call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1,
        "mobile", false));
    call(session, "Page.navigate", Map.of("url", page.toAbsolutePath().toUri().toString()));
    if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(page + ": no load event within " + TIMEOUT.toSeconds() + " s");
    }
    JsonNode decoded = evaluate(session, "Promise.all([...document.images].map(i => i.decode().then("
        + "() => ({alt: i.alt, width: i.naturalWidth, height: i.naturalHeight, error: null}),"
        + " e => ({alt: i.alt, width: i.naturalWidth, height: i.naturalHeight, error: String(e)}))))");
    List<Image> images = new ArrayList<>();
    for (JsonNode i : decoded) {
      images.add(new Image(i.get("alt").asText(), i.get("width").asInt(), i.get("height").asInt(),
          i.get("error").isNull() ? null : i.get("error").asText()));
    }
    String title = evaluate(session, "Promise.resolve(document.title)").asText();
    int height = evaluate(session, "Promise.resolve(document.documentElement.scrollHeight)").asInt();
    call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
        "mobile", false));
    byte[] png = Base64.getDecoder().decode(call(session, "Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true)).get("data").asText());
    List<String> errors = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        String method = e.path("method").asText();
        JsonNode p = e.path("params");
        switch (method) {
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
              errors.add("console." + type + ": " + p.path("args").toString());
            }
          }
          case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").toString());
          case "Log.entryAdded" -> {
            if (!p.path("entry").path("level").asText().equals("verbose")
                && !p.path("entry").path("level").asText().equals("info")) {
              errors.add("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText());
            }
          }
          case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
          default -> { }
        }
      }
    }
    return new PageCheck(title, images, errors, requests, png);
  }

  private JsonNode evaluate(String session, String expression) throws Exception {
    JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
        "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", Json.mapper().valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(Json.mapper().writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  /** Collects a message's fragments, then routes replies by id and keeps events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode m = Json.mapper().readTree(text.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          } else {
            synchronized (events) {
              events.add(m);
            }
            if ("Page.loadEventFired".equals(m.path("method").asText())) {
              loaded.countDown();
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException("unreadable DevTools message", e);
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      call(null, "Browser.close", Map.of());
    } catch (Exception ignored) {
      // it may already be gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    AtomicDirectories.deleteTree(profile);
  }

  /** {@code java ... io.onebit.cli.HeadlessChromium PAGE.html SHOT.png}: the screenshot of a page, e.g. for the docs. */
  public static void main(String[] args) throws Exception {
    try (HeadlessChromium browser = start("chromium")) {
      PageCheck c = browser.check(Path.of(args[0]), 1200);
      Files.write(Path.of(args[1]), c.screenshot());
      System.out.println(c.images().size() + " images, errors " + c.errors() + ", requests " + c.requests().size());
    }
  }
}
