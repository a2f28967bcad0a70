package io.onebit.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with elapsed time and ETA (me.tongfei:progressbar) on stderr for a long task.
 * On a terminal it redraws in place four times a second; when stderr is not a terminal (a log
 * file, CI) it prints one plain line per update, every {@link #LOG_INTERVAL} and at the end, so
 * logs get no carriage-return frames. Commands pass {@code enabled = false} under {@code --json}
 * and {@code --no-progress}: then nothing is printed at all.
 *
 * <p>Java cannot ask whether stderr is a terminal, so the launcher tells it:
 * {@code -Donebit.stderr.tty=true} when {@code [ -t 2 ]}; without the property (tests, other
 * launchers) stderr counts as a log.
 */
final class Progress implements AutoCloseable {
  /** Interval between lines when stderr is not a terminal. */
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  private static final int TERMINAL_INTERVAL_MILLIS = 250;
  private static volatile int liveOnTerminal;

  private final ProgressBar bar;
  private final boolean terminal;

  private Progress(ProgressBar bar, boolean terminal) {
    this.bar = bar;
    this.terminal = terminal;
    if (bar != null && terminal) {
      liveOnTerminal++;
    }
  }

  /** A bar for {@code total} steps of {@code task}; a silent one when {@code enabled} is false. */
  static Progress start(String task, long total, boolean enabled) {
    return start(task, total, enabled, terminal(), LOG_INTERVAL);
  }

  static Progress start(String task, long total, boolean enabled, boolean terminal, Duration logInterval) {
    if (!enabled) {
      return new Progress(null, false);
    }
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .continuousUpdate();
    if (terminal) {
      builder.setUpdateIntervalMillis(TERMINAL_INTERVAL_MILLIS).setConsumer(new ConsoleProgressBarConsumer(System.err));
    } else {
      builder.setUpdateIntervalMillis((int) logInterval.toMillis()).setConsumer(new DelegatingProgressBarConsumer(new LogLines()));
    }
    return new Progress(builder.build(), terminal);
  }

  /**
   * Plain lines for a log: each rendered bar once (closing renders the last state again). System.err
   * is looked up per line, so a redirected stderr (tests) receives them.
   */
  private static final class LogLines implements java.util.function.Consumer<String> {
    private String last;

    @Override
    public void accept(String rendered) {
      String line = rendered.strip();
      if (!line.equals(last)) {
        System.err.println(line);
        last = line;
      }
    }
  }

  /** Whether the launcher found stderr to be a terminal. */
  static boolean terminal() {
    return Boolean.getBoolean("onebit.stderr.tty");
  }

  /** Whether a bar is being drawn on the terminal right now (log lines then clear its line first). */
  static boolean liveOnTerminal() {
    return liveOnTerminal > 0;
  }

  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  void step() {
    if (bar != null) {
      bar.step();
    }
  }

  /** Text after the bar, e.g. the loss so far. */
  void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      if (terminal) {
        liveOnTerminal--;
      }
    }
  }
}
