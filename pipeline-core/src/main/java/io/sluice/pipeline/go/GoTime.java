package io.sluice.pipeline.go;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats times and durations as Go's {@code time} package prints them. */
public final class GoTime {
  /** What Go's zero {@code time.Time} marshals to. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000;
  private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

  private GoTime() {}

  /**
   * Returns {@code time} in Go's {@code time.RFC3339Nano} in UTC, e.g.
   * {@code 2024-12-17T10:00:00.1234Z}: trailing zeros of the fraction are cut, and the dot too
   * when nothing is left.
   */
  public static String rfc3339Nano(Instant time) {
    return SECONDS.format(time) + fraction(time.getNano(), NANOS_PER_SECOND) + "Z";
  }

  /**
   * Returns {@code d} as Go's {@code time.Duration.String()}: {@code 0s}, {@code 500ns},
   * {@code 1.5µs}, {@code 12ms}, {@code 2.5s}, {@code 1m3s}, {@code 1h0m0s}, {@code -200ms}.
   *
   * @throws ArithmeticException when {@code d} does not fit in a long of nanoseconds, as Go's
   *     {@code time.Duration} cannot hold it either
   */
  public static String duration(Duration d) {
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
      return sign + decimal(u, NANOS_PER_MICRO) + "µs";
    }
    if (u < NANOS_PER_SECOND) {
      return sign + decimal(u, NANOS_PER_MILLI) + "ms";
    }
    return sign + hoursMinutes(u) + decimal(u % NANOS_PER_MINUTE, NANOS_PER_SECOND) + "s";
  }

  private static String hoursMinutes(long nanos) {
    long hours = nanos / (60 * NANOS_PER_MINUTE);
    long minutes = nanos / NANOS_PER_MINUTE % 60;
    if (hours > 0) {
      return hours + "h" + minutes + "m";
    }
    return minutes > 0 ? minutes + "m" : "";
  }

  /** Returns {@code value / unit} in decimal, without trailing zeros after the point. */
  private static String decimal(long value, long unit) {
    return (value / unit) + fraction(value % unit, unit);
  }

  /** Returns ".ddd" for {@code remainder / unit} without trailing zeros, or "" when zero. */
  private static String fraction(long remainder, long unit) {
    if (remainder == 0) {
      return "";
    }
    // unit is a power of ten, so remainder + unit spells the zero-padded digits after a 1.
    String digits = Long.toString(remainder + unit);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(1, end);
  }
}
