package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  private static final Duration SHORT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void returnsOutputOfBothStreamsRunInTheGivenDirectory() throws IOException {
    String out = Commands.run(dir, SHORT, "sh", "-c", "pwd; echo oops >&2");
    assertEquals(dir.toRealPath() + "\noops\n", out);
  }

  @Test
  void nonZeroExitGivesTheLastLine() {
    IOException e = assertThrows(IOException.class,
        () -> Commands.run(dir, SHORT, "sh", "-c", "echo working; echo 'E: no such package' >&2; exit 100"));
    assertEquals("sh -c echo working; echo 'E: no such package' >&2; exit 100 exited with 100: E: no such package",
        e.getMessage());
  }

  @Test
  void missingProgramCannotStart() {
    IOException e = assertThrows(IOException.class, () -> Commands.run(dir, SHORT, "onebit-no-such-tool", "x"));
    assertTrue(e.getMessage().startsWith("onebit-no-such-tool x: cannot start: "), e.getMessage());
  }

  @Test
  void slowCommandIsStoppedAtTheLimit() {
    IOException e = assertThrows(IOException.class, () -> Commands.run(dir, Duration.ofMillis(300), "sleep", "30"));
    assertEquals("sleep 30: no result after 0 s", e.getMessage());
  }
}
