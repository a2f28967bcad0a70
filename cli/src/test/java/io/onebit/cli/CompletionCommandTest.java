package io.onebit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script picocli generates, loaded into a real bash (and zsh where installed) and asked to complete. */
class CompletionCommandTest {
  @TempDir
  Path dir;

  @Test
  void bashCompletesCommandsAndOptions() throws Exception {
    Path script = dir.resolve("onebit-completion.bash");
    Files.writeString(script, CliRun.stdout("completion", "bash"));
    assertEquals(List.of("summary"), complete(script, "onebit su"));
    assertEquals(List.of("trace"), complete(script, "./onebit trac"));
    assertTrue(complete(script, "onebit export --f").contains("--format"), complete(script, "onebit export --f").toString());
    assertTrue(complete(script, "onebit report --").containsAll(List.of("--model", "--out")));
    assertEquals(List.of("platformio"), complete(script, "onebit export --format pl"));
    assertEquals(List.of("mps2-an385", "mps2-an386"), complete(script, "onebit summary --board mps2-an38"));
  }

  @Test
  void zshLoadsTheSameScript() throws Exception {
    Assumptions.assumeTrue(Toolchain.findExecutable("zsh").isPresent(), "zsh is not installed");
    Path script = dir.resolve("onebit-completion.zsh");
    Files.writeString(script, CliRun.stdout("completion", "zsh"));
    Process p = new ProcessBuilder("zsh", "-c", "source " + script + " && echo ${+functions[_complete_onebit]}")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("1", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void otherShellsAreRefused() {
    assertTrue(CliRun.oneLineError("completion", "fish").contains("bash and zsh"));
  }

  /** COMPREPLY for the line, as bash computes it on TAB at its end. */
  private List<String> complete(Path script, String line) throws Exception {
    String words = "(" + line + (line.endsWith(" ") ? " ''" : "") + ")";
    String program = "source " + script + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\nCOMP_WORDS=" + words
        + "\nCOMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_complete_onebit\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    // Outside an interactive completion, the script's compopt calls complain on stderr: only COMPREPLY counts.
    Process p = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
