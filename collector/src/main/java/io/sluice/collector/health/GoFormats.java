package io.sluice.collector.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's text forms that health responses carry: times, durations and JSON strings. */
final class GoFormats {
  /** What Go's zero {@code time.Time} marshals to. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000;

  private GoFormats() {}

  /**
   * Returns {@code time} in Go's {@code time.RFC3339Nano} in UTC, e.g.
   * {@code 2024-12-17T10:00:00.1234Z}: trailing zeros of the fraction are cut, and the dot too
   * when nothing is left.
   */
  static String rfc3339Nano(Instant time) {
    String fraction = trimZeros(String.format("%09d", time.getNano()));
    return SECONDS.format(time) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
  }

  /**
   * Returns {@code d} as Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5µs},
   * {@code 12ms}, {@code 2.5s}, {@code 1m3s}, {@code 1h0m0s}.
   */
  static String duration(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < NANOS_PER_MICRO) {
      return sign + u + "ns";
    }
    if (u < NANOS_PER_MILLI) {
      return sign + decimal(u, NANOS_PER_MICRO, 3) + "µs";
    }
    if (u < NANOS_PER_SECOND) {
      return sign + decimal(u, NANOS_PER_MILLI, 6) + "ms";
    }
    return sign + hoursMinutes(u / NANOS_PER_SECOND) + decimal(u % (60 * NANOS_PER_SECOND),
        NANOS_PER_SECOND, 9) + "s";
  }

  private static String hoursMinutes(long seconds) {
    long hours = seconds / 3600;
    long minutes = (seconds / 60) % 60;
    if (hours > 0) {
      return hours + "h" + minutes + "m";
    }
    return minutes > 0 ? minutes + "m" : "";
  }

  private static String decimal(long value, long unit, int digits) {
    String fraction = trimZeros(String.format("%0" + digits + "d", value % unit));
    return (value / unit) + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private static String trimZeros(String digits) {
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }

  /**
   * Appends {@code s} as a JSON string the way Go's {@code encoding/json} writes it, including
   * its escaping of {@code <}, {@code >}, {@code &}, U+2028 and U+2029.
   */
  static void jsonString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
