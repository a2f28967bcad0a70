package io.onebit.trainer.hyper;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 30m}, {@code 90s}, {@code 1h30m}, {@code 2h}, or ISO-8601 ({@code PT30M}). */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

  private Durations() {}

  static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("pt")) {
      return Duration.parse(text.strip());
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (m.find()) {
      if (m.start() != at) {
        throw new IllegalArgumentException("bad duration");
      }
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
      at = m.end();
    }
    if (at != t.length()) {
      throw new IllegalArgumentException("bad duration");
    }
    return total;
  }

  /** 30m, 1h30m, 45s. */
  static String format(Duration d) {
    long s = d.getSeconds();
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      out.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || out.length() == 0) {
      out.append(s).append('s');
    }
    return out.toString();
  }
}
