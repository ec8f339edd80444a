package io.sluice.processor.batch;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations the way Go prints them ({@code 5s}, {@code 200ms}, {@code 1m30s}). */
final class GoDurations {
  private GoDurations() {}

  /** Returns {@code duration} in Go's {@code time.Duration.String()} form. */
  static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long abs = Math.abs(nanos);
    if (abs < 1_000L) {
      return sign + abs + "ns";
    }
    if (abs < 1_000_000L) {
      return sign + decimal(abs, 3) + "µs";
    }
    if (abs < 1_000_000_000L) {
      return sign + decimal(abs, 6) + "ms";
    }
    return sign + hoursMinutesSeconds(abs);
  }

  private static String hoursMinutesSeconds(long nanos) {
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    String seconds = decimal(nanos % 60_000_000_000L, 9) + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds;
    }
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }

  private static String decimal(long value, int scale) {
    BigDecimal d = BigDecimal.valueOf(value, scale).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
