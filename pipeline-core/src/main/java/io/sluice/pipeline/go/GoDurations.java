package io.sluice.pipeline.go;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code time.ParseDuration} and {@code time.Duration.String}, exactly, with Go's error
 * texts: config values such as {@code timeout: 200ms}, the query API's {@code minDuration=1.5ms}
 * and its clock-skew warnings all go through here.
 */
public final class GoDurations {
  private static final long MAX_MAGNITUDE = Long.MIN_VALUE; // 1 << 63, read as unsigned
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000;

  private GoDurations() {}

  /**
   * Returns the nanoseconds of a Go duration string such as {@code 300ms}, {@code -1.5h} or
   * {@code 2h45m}; {@code 0} alone needs no unit.
   *
   * @throws IllegalArgumentException with Go's message, e.g.
   *     {@code time: missing unit in duration "100"}
   */
  public static long parseNanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      Component component = component(text, s, i);
      total += component.nanos;
      if (Long.compareUnsigned(total, MAX_MAGNITUDE) > 0
          || Long.compareUnsigned(total, component.nanos) < 0) {
        throw invalid(text);
      }
      i = component.end;
    }
    if (negative) {
      return -total;
    }
    if (total < 0) {
      throw invalid(text);
    }
    return total;
  }

  /**
   * Returns {@code time.Duration(nanos).String()}: {@code 0s}, {@code 1.5µs}, {@code 12ms},
   * {@code 1m30s}, {@code -2h0m0.5s}.
   */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    long u = negative ? -nanos : nanos; // Long.MIN_VALUE stays itself: read it as unsigned
    StringBuilder out = new StringBuilder();
    if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
      formatBelowSecond(out, u);
    } else {
      formatSeconds(out, u);
    }
    return negative ? "-" + out : out.toString();
  }

  private static void formatBelowSecond(StringBuilder out, long u) {
    if (u < NANOS_PER_MICRO) {
      out.append(u).append("ns");
    } else if (u < NANOS_PER_MILLI) {
      appendFraction(out, u, 3);
      out.append("µs");
    } else {
      appendFraction(out, u, 6);
      out.append("ms");
    }
  }

  private static void formatSeconds(StringBuilder out, long u) {
    long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
    long fraction = Long.remainderUnsigned(u, NANOS_PER_SECOND);
    long minutes = seconds / 60;
    long hours = minutes / 60;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes % 60).append('m');
    }
    out.append(seconds % 60);
    appendFractionDigits(out, fraction, 9);
    out.append('s');
  }

  /** Appends {@code value / 10^digits} with the fraction's trailing zeros left out. */
  private static void appendFraction(StringBuilder out, long value, int digits) {
    long scale = digits == 3 ? 1_000 : 1_000_000;
    out.append(value / scale);
    appendFractionDigits(out, value % scale, digits);
  }

  private static void appendFractionDigits(StringBuilder out, long fraction, int digits) {
    if (fraction == 0) {
      return;
    }
    char[] padded = new char[digits];
    long rest = fraction;
    for (int i = digits - 1; i >= 0; i--) {
      padded[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    int end = digits;
    while (padded[end - 1] == '0') {
      end--;
    }
    out.append('.').append(padded, 0, end);
  }

  /** One {@code <number><unit>} part of a duration, e.g. {@code 1.5h}. */
  private record Component(long nanos, int end) {}

  private static Component component(String text, String s, int start) {
    char first = s.charAt(start);
    if (first != '.' && (first < '0' || first > '9')) {
      throw invalid(text);
    }
    int i = start;
    long whole = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, 10)) > 0) {
        throw invalid(text);
      }
      whole = whole * 10 + (s.charAt(i) - '0');
      if (Long.compareUnsigned(whole, MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
      i++;
    }
    boolean hasWhole = i > start;
    long fraction = 0;
    double scale = 1;
    boolean hasFraction = false;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      int fractionStart = i;
      boolean overflow = false;
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (!overflow) {
          long next = fraction * 10 + (s.charAt(i) - '0');
          if (fraction > Long.MAX_VALUE / 10 || next < 0) {
            overflow = true;
          } else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      hasFraction = i > fractionStart;
    }
    if (!hasWhole && !hasFraction) {
      throw invalid(text);
    }
    int unitStart = i;
    while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
      i++;
    }
    if (i == unitStart) {
      throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
    }
    String unit = s.substring(unitStart, i);
    long unitNanos = unitNanos(unit, text);
    if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, unitNanos)) > 0) {
      throw invalid(text);
    }
    long nanos = whole * unitNanos;
    if (fraction > 0) {
      nanos += (long) ((double) fraction * ((double) unitNanos / scale));
      if (Long.compareUnsigned(nanos, MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
    }
    return new Component(nanos, i);
  }

  private static long unitNanos(String unit, String text) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> NANOS_PER_MICRO;
      case "ms" -> NANOS_PER_MILLI;
      case "s" -> NANOS_PER_SECOND;
      case "m" -> 60 * NANOS_PER_SECOND;
      case "h" -> 3600 * NANOS_PER_SECOND;
      default -> throw new IllegalArgumentException(
          "time: unknown unit " + quote(unit) + " in duration " + quote(text));
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  /**
   * Quotes as the {@code time} package does in its errors: printable ASCII as is (with
   * {@code \"} and {@code \\}), every byte of anything else as {@code \xNN}.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 || c < ' ') {
        int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
        for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append(String.format("\\x%02x", b & 0xff));
        }
        i = end - 1;
      } else {
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
